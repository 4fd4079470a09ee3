import {
  Assessment,
  AssessmentSummary,
  Cadence,
  MaintenanceCompletion,
  RecommendationDecision,
} from '@mcp-server-operator/plugin-mcp-security-common';

/** Persistence of the MCP Security plugin. Every method works in batches where it can. */
export interface McpSecurityStore {
  /** The newest assessment of each of the given servers that has one. */
  getLatestAssessments(entityRefs: string[]): Promise<Map<string, Assessment>>;
  /** What the newest assessment of each server was computed from, without loading it. */
  getLatestFingerprints(
    entityRefs: string[],
  ): Promise<Map<string, AssessmentFingerprint>>;
  /** Appends assessments to the history; each becomes its server's current one. */
  insertAssessments(assessments: Assessment[]): Promise<void>;
  /** A server's assessments, newest first. */
  getAssessmentHistory(
    entityRef: string,
    options: { limit: number },
  ): Promise<AssessmentSummary[]>;
  /** The current decision on each of a server's recommendations that has one. */
  getDecisions(entityRef: string): Promise<RecommendationDecision[]>;
  /** The same for many servers at once. */
  getDecisionsFor(
    entityRefs: string[],
  ): Promise<Map<string, RecommendationDecision[]>>;
  /**
   * Sets the current decision and appends it to the decision log, atomically,
   * if the current decision is still at `seenVersion` (0: none yet); throws a
   * ConflictError otherwise. Returns the decision with its new version.
   */
  recordDecision(
    entityRef: string,
    decision: Omit<RecommendationDecision, 'version'>,
    seenVersion: number,
  ): Promise<RecommendationDecision>;
  /** The schedule rows of the given servers, retired ones included. */
  getScheduledTasks(entityRefs: string[]): Promise<ScheduledTask[]>;
  /** Inserts or replaces schedule rows, in batches. */
  saveScheduledTasks(tasks: ScheduledTask[]): Promise<void>;
  /**
   * Appends a completion and moves the task to its next due date,
   * atomically. With `notCompletedSince`, throws a ConflictError when the
   * task was completed at or after that time; with an `idempotencyKey`
   * already recorded for the task, records nothing and answers `replayed`.
   */
  recordCompletion(
    completion: MaintenanceCompletion & { entityRef: string },
    nextDueAt: Date,
    options?: CompletionOptions,
  ): Promise<'recorded' | 'replayed'>;
  /** Whether a completion of the task was recorded with this Idempotency-Key. */
  hasCompletion(
    entityRef: string,
    taskId: string,
    idempotencyKey: string,
  ): Promise<boolean>;
  /** A server's completions, newest first. */
  getCompletions(
    entityRef: string,
    options: { taskId?: string; limit: number },
  ): Promise<MaintenanceCompletion[]>;
  /**
   * Marks active tasks that are past due and not yet notified for this
   * cycle as notified, and returns them: each overdue cycle is claimed once.
   */
  claimNewlyOverdue(now: Date): Promise<ScheduledTask[]>;
  /**
   * Records that the owners of these servers are told about these
   * advisories, and returns the pairs not recorded before: each advisory
   * that newly matches a server is claimed once, across replicas.
   */
  claimAdvisoryNotifications(
    pairs: AdvisoryNotification[],
    now: Date,
  ): Promise<AdvisoryNotification[]>;
  /** Records the start of a sweep and returns its id. */
  startSweepRun(startedAt: Date): Promise<number>;
  finishSweepRun(
    id: number,
    result: SweepResult & { finishedAt: Date },
  ): Promise<void>;
}

/** How a completion is guarded against being recorded twice. */
export interface CompletionOptions {
  /** The request's Idempotency-Key: a retry with the same key records nothing. */
  idempotencyKey?: string;
  /** Refuse the completion if the task was completed at or after this time. */
  notCompletedSince?: Date;
}

/** The inputs an assessment was computed from; equal fingerprints mean nothing to redo. */
export interface AssessmentFingerprint {
  profileHash: string;
  knowledgeVersion: string;
  engineVersion: string;
}

/** An advisory that matches a server, for notifying its owner once. */
export interface AdvisoryNotification {
  entityRef: string;
  advisoryId: string;
}

/** What one sweep did: servers seen, assessments that changed, servers that failed. */
export interface SweepResult {
  servers: number;
  assessed: number;
  failed: number;
}

/** One maintenance task of one server in the schedule. Times are UTC. */
export interface ScheduledTask {
  entityRef: string;
  taskId: string;
  cadence: Cadence;
  ownerRef?: string;
  active: boolean;
  firstAppliedAt: Date;
  retiredAt?: Date;
  lastCompletedAt?: Date;
  nextDueAt: Date;
  notifiedOverdueAt?: Date;
}

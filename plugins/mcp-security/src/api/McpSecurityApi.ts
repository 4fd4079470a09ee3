import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  AdvisoriesResponse,
  ApprovalRequirementsPolicy,
  AssessmentSummary,
  AssessmentView,
  ChangeCreateRequest,
  ChangeRequestView,
  ChangeState,
  ChangeTransition,
  ChangeTransitionRequest,
  ChangeType,
  Control,
  KnowledgeModelSummary,
  MaintenanceCompletion,
  MaintenanceCompletionRequest,
  MaintenanceTaskView,
  RecommendationDecisionRequest,
  ScorecardGroupBy,
  ScorecardLevel,
  ScorecardRow,
  ScorecardServer,
} from '@mcp-server-operator/plugin-mcp-security-common';

/**
 * A length of time in the approval policy, as the knowledge base writes it.
 *
 * @public
 */
export interface PolicyDuration {
  days?: number;
  hours?: number;
  minutes?: number;
}

/**
 * The approval policy as `GET /knowledge/change-types` serves it: what a
 * change needs at each risk level, who is told of submissions, how long an
 * approval holds, and how soon an emergency change must be reviewed.
 *
 * @public
 */
export interface ChangeApprovalPolicy extends ApprovalRequirementsPolicy {
  approverGroups: string[];
  approvalExpiry: PolicyDuration;
  emergencyReviewWindow: PolicyDuration;
}

/**
 * Which change requests `listChanges` answers with.
 *
 * @public
 */
export interface ChangeListOptions {
  /** Only changes in these states. */
  state?: ChangeState | ChangeState[];
  /** Only changes to this server, as an entity ref. */
  entityRef?: string;
  /** `me`: only changes waiting for the caller's vote (the approvals inbox). */
  awaiting?: 'me';
  limit?: number;
}

/**
 * The scorecards of every group, as `GET /scorecards` serves them: the levels
 * of the knowledge base, lowest first, and one row per group.
 *
 * @public
 */
export interface ScorecardList {
  groupBy: ScorecardGroupBy;
  levels: ScorecardLevel[];
  items: ScorecardRow[];
}

/**
 * One group's scorecard and the servers in it the user can read, as
 * `GET /scorecards/:groupRef` serves them.
 *
 * @public
 */
export interface ScorecardDetail {
  scorecard: ScorecardRow;
  servers: ScorecardServer[];
}

/**
 * A group's figures as the housekeeping task recorded them on one UTC day
 * (`YYYY-MM-DD`).
 *
 * @public
 */
export interface ScorecardSnapshot {
  day: string;
  figures: ScorecardRow;
}

/**
 * Reads MCP Security data from the mcp-security backend and records the
 * owner's decisions on it.
 *
 * Every method rejects with a `ResponseError` carrying the backend error:
 * `NotFoundError` when the entity is unknown or is not an MCP server,
 * `NotAllowedError` when the user lacks the permission for a change,
 * `ConflictError` when a maintenance task no longer applies to the server,
 * or when a change request moved on since the user saw it.
 *
 * @public
 */
export interface McpSecurityApi {
  /** The latest assessment of an MCP server in the catalog, with the owner's decisions and the residual risk. */
  getAssessment(entityRef: CompoundEntityRef | string): Promise<AssessmentView>;

  /** The past assessments of an MCP server, newest first. */
  getAssessmentHistory(
    entityRef: CompoundEntityRef | string,
    options?: { limit?: number },
  ): Promise<{ items: AssessmentSummary[] }>;

  /** Re-assesses an MCP server now; needs `mcp-security.assessment.refresh` on the entity. */
  refreshAssessment(
    entityRef: CompoundEntityRef | string,
  ): Promise<AssessmentView>;

  /**
   * Records the owner's decision on one recommendation and answers with the
   * assessment as it now stands; needs `mcp-security.recommendation.update`
   * on the entity. Dismissing needs a `note` giving the reason.
   */
  decideRecommendation(
    entityRef: CompoundEntityRef | string,
    controlId: string,
    request: RecommendationDecisionRequest,
  ): Promise<AssessmentView>;

  /** The scheduled maintenance tasks of an MCP server, soonest due first. */
  getMaintenance(
    entityRef: CompoundEntityRef | string,
  ): Promise<{ items: MaintenanceTaskView[] }>;

  /**
   * Records a completion of a maintenance task, which starts its next cycle,
   * and answers with the task as it now stands; needs
   * `mcp-security.maintenance.complete` on the entity. The evidence is always
   * required: what was checked and found, or why the task was skipped.
   */
  completeMaintenanceTask(
    entityRef: CompoundEntityRef | string,
    taskId: string,
    request: MaintenanceCompletionRequest,
  ): Promise<MaintenanceTaskView>;

  /** The recorded completions of an MCP server's maintenance tasks, newest first. */
  getMaintenanceCompletions(
    entityRef: CompoundEntityRef | string,
    options?: { taskId?: string; limit?: number },
  ): Promise<{ items: MaintenanceCompletion[] }>;

  /**
   * The maintenance schedule as an iCalendar file, one recurring event per
   * task, named as the backend names it.
   */
  downloadMaintenanceCalendar(
    entityRef: CompoundEntityRef | string,
  ): Promise<File>;

  /** The change requests on an MCP server, with their votes and events. */
  listServerChanges(
    entityRef: CompoundEntityRef | string,
  ): Promise<{ items: ChangeRequestView[] }>;

  /**
   * Opens a change request on an MCP server as a draft; needs
   * `mcp-security.change.create` on the entity. Submit it with
   * `transitionChange(id, 'submit', { version })`.
   */
  createChange(
    entityRef: CompoundEntityRef | string,
    request: ChangeCreateRequest,
  ): Promise<ChangeRequestView>;

  /** Change requests across the servers the user can read, filtered. */
  listChanges(
    options?: ChangeListOptions,
  ): Promise<{ items: ChangeRequestView[] }>;

  /** One change request with its votes and events. */
  getChange(id: string): Promise<ChangeRequestView>;

  /**
   * Moves a change request on (submit, approve, reject, implement, verify,
   * roll back, cancel) and answers with it as it now stands. The request
   * carries the version the user saw: a `ConflictError` (409) says someone
   * else acted first, and nothing changed.
   */
  transitionChange(
    id: string,
    transition: ChangeTransition,
    request: ChangeTransitionRequest,
  ): Promise<ChangeRequestView>;

  /** The change types of the knowledge base and the approval policy. */
  getChangeTypes(): Promise<{
    items: ChangeType[];
    policy: ChangeApprovalPolicy;
  }>;

  /** Every control of the knowledge base, with the knowledge base's version. */
  listControls(): Promise<{ version: string; items: Control[] }>;

  /**
   * What the UI needs of the scoring model to explain an assessment: the
   * lowest score of each risk level, the assurance levels and the guidance
   * types. An organisation may override any of them in its knowledge base.
   */
  getKnowledgeModel(): Promise<KnowledgeModelSummary>;

  /**
   * The published advisories matching MCP servers the user can read, with
   * the servers each matches, and the state of the advisory sources;
   * `malicious` keeps only malicious packages (true) or only vulnerabilities.
   */
  listAdvisories(options?: {
    malicious?: boolean;
  }): Promise<AdvisoriesResponse>;

  /**
   * The scorecards per team (`owner`, the default), system or domain, with
   * the levels; needs `mcp-security.scorecard.read`.
   */
  getScorecards(options?: {
    groupBy?: ScorecardGroupBy;
  }): Promise<ScorecardList>;

  /**
   * One group's scorecard and its servers, by the group's entity ref (e.g.
   * `group:default/platform-team`); a `NotFoundError` when no MCP server is
   * grouped under it.
   */
  getScorecard(
    groupRef: string,
    options?: { groupBy?: ScorecardGroupBy },
  ): Promise<ScorecardDetail>;

  /** A group's daily snapshots over the last `days` (30 by default), oldest first. */
  getScorecardTrend(
    groupRef: string,
    options?: { groupBy?: ScorecardGroupBy; days?: number },
  ): Promise<{ items: ScorecardSnapshot[] }>;

  /** The scorecards as a CSV file, one row per group, named as the backend names it. */
  downloadScorecardsCsv(options?: {
    groupBy?: ScorecardGroupBy;
  }): Promise<File>;
}

/**
 * The API reference for {@link McpSecurityApi}.
 *
 * @public
 */
export const mcpSecurityApiRef = createApiRef<McpSecurityApi>().with({
  id: 'plugin.mcp-security.api',
  pluginId: 'mcp-security',
});

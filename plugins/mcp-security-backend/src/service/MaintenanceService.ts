import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Assessment,
  MaintenanceCompletion,
  MaintenanceCompletionRequest,
  MaintenanceTaskView,
  addCadence,
  dueStatus,
  mcpSecurityMaintenanceCompletePermission,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { McpSecurityStore, ScheduledTask } from '../database/McpSecurityStore';
import { reconcileSchedule } from '../engine/reconcileSchedule';
import { Knowledge } from '../knowledge/loadKnowledge';
import { MaintenanceTaskDefinition } from '../knowledge/schema';
import { groupBy } from '../lib/groupBy';
import { audited } from './audited';
import { authorizeEntity } from './authorizeEntity';
import type { Request } from 'express';
import type { AssessmentListener } from './AssessmentService';

/**
 * The maintenance schedule of MCP servers: kept in step with their
 * assessments, completed with evidence, listed with what is due.
 */
export class MaintenanceService implements AssessmentListener {
  private readonly definitions: Map<string, MaintenanceTaskDefinition>;

  constructor(
    private readonly options: {
      store: McpSecurityStore;
      knowledge: Knowledge;
      permissions: PermissionsService;
      auditor: AuditorService;
      /** How long after a completion another one is refused unless marked `repeat`. */
      repeatCompletionWindowMs: number;
      now?: () => Date;
    },
  ) {
    this.definitions = new Map(
      options.knowledge.maintenanceTasks.map(t => [t.id, t]),
    );
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** Brings the schedules of freshly assessed servers in line with their plans, in one batch. */
  async assessed(assessments: Assessment[]): Promise<void> {
    if (assessments.length === 0) return;
    const { store } = this.options;
    const existing = await store.getScheduledTasks(
      assessments.map(a => a.entityRef!),
    );
    const byServer = groupBy(existing, task => task.entityRef);
    const now = this.now();
    const changes = assessments.flatMap(assessment =>
      reconcileSchedule({
        entityRef: assessment.entityRef!,
        ownerRef: assessment.profile.owner,
        plan: assessment.maintenancePlan,
        existing: byServer.get(assessment.entityRef!) ?? [],
        now,
      }),
    );
    if (changes.length > 0) {
      await store.saveScheduledTasks(changes);
    }
  }

  private view(task: ScheduledTask, now: Date): MaintenanceTaskView {
    const definition = this.definitions.get(task.taskId);
    return {
      taskId: task.taskId,
      title: definition?.title ?? task.taskId,
      area: definition?.area ?? 'operations',
      cadence: task.cadence,
      rationale: definition?.rationale ?? '',
      procedure: definition?.procedure ?? [],
      evidence: definition?.evidence ?? '',
      firstAppliedAt: task.firstAppliedAt.toISOString(),
      ...(task.lastCompletedAt
        ? { lastCompletedAt: task.lastCompletedAt.toISOString() }
        : {}),
      nextDueAt: task.nextDueAt.toISOString(),
      status: dueStatus(task.nextDueAt, task.cadence, now),
    };
  }

  /** The server's active tasks, soonest due first. */
  async list(entityRef: string): Promise<MaintenanceTaskView[]> {
    const now = this.now();
    const tasks = await this.options.store.getScheduledTasks([entityRef]);
    return tasks
      .filter(task => task.active)
      .sort((a, b) => a.nextDueAt.getTime() - b.nextDueAt.getTime())
      .map(task => this.view(task, now));
  }

  async completions(
    entityRef: string,
    options: { taskId?: string; limit: number },
  ): Promise<MaintenanceCompletion[]> {
    return this.options.store.getCompletions(entityRef, options);
  }

  /**
   * Records a completion by the caller; the next cycle starts now. A retry
   * with the same Idempotency-Key records nothing and answers the task as it
   * stands; a second completion within the repeat window is refused unless
   * the request says it is another one (`repeat`).
   */
  async complete(
    entityRef: string,
    taskId: string,
    request: MaintenanceCompletionRequest,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    options: { idempotencyKey?: string; httpRequest?: Request } = {},
  ): Promise<MaintenanceTaskView> {
    return audited(
      this.options.auditor,
      {
        eventId: 'maintenance-completion',
        meta: { entityRef, taskId, outcome: request.outcome },
        credentials,
        request: options.httpRequest,
      },
      () =>
        this.recordCompletion(
          entityRef,
          taskId,
          request,
          credentials,
          options.idempotencyKey,
        ),
    );
  }

  private async activeTask(entityRef: string, taskId: string) {
    const [task] = await this.options.store
      .getScheduledTasks([entityRef])
      .then(tasks => tasks.filter(t => t.taskId === taskId && t.active));
    if (!task) {
      throw new ConflictError(
        `${taskId} does not apply to ${entityRef} as it is assessed now, so it cannot be completed`,
      );
    }
    return task;
  }

  private async recordCompletion(
    entityRef: string,
    taskId: string,
    request: MaintenanceCompletionRequest,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    idempotencyKey: string | undefined,
  ): Promise<MaintenanceTaskView> {
    const { store, repeatCompletionWindowMs: window } = this.options;
    await authorizeEntity(
      this.options.permissions,
      mcpSecurityMaintenanceCompletePermission,
      entityRef,
      credentials,
    );
    if (!this.definitions.has(taskId)) {
      throw new NotFoundError(
        `No maintenance task ${taskId} in the knowledge base`,
      );
    }
    const task = await this.activeTask(entityRef, taskId);
    const now = this.now();
    if (
      idempotencyKey &&
      (await store.hasCompletion(entityRef, taskId, idempotencyKey))
    ) {
      return this.view(task, now);
    }
    const notCompletedSince = request.repeat
      ? undefined
      : new Date(now.getTime() - window);
    const last = task.lastCompletedAt;
    if (notCompletedSince && last && last >= notCompletedSince) {
      throw new ConflictError(
        `${taskId} was already completed for ${entityRef} at ${last.toISOString()}, within the last ${
          window / 60_000
        } minutes; if this is another completion, send "repeat": true`,
      );
    }
    const nextDueAt = addCadence(now, task.cadence);
    const result = await store.recordCompletion(
      {
        entityRef,
        taskId,
        outcome: request.outcome,
        evidence: request.evidence,
        cadence: task.cadence,
        completedBy: credentials.principal.userEntityRef,
        completedAt: now.toISOString(),
      },
      nextDueAt,
      { idempotencyKey, notCompletedSince },
    );
    if (result === 'replayed') {
      return this.view(await this.activeTask(entityRef, taskId), now);
    }
    return this.view({ ...task, lastCompletedAt: now, nextDueAt }, now);
  }
}

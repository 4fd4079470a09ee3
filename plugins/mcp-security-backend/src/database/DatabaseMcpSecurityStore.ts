import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  Assessment,
  AssessmentSummary,
  MaintenanceCompletion,
  RecommendationDecision,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  AdvisoryNotification,
  AssessmentFingerprint,
  CompletionOptions,
  McpSecurityStore,
  ScheduledTask,
  SweepResult,
} from './McpSecurityStore';
import { groupBy } from '../lib/groupBy';

const migrationsDir = resolvePackagePath(
  '@mcp-server-operator/plugin-mcp-security-backend',
  'migrations',
);

/** SQLite and PostgreSQL cap bound parameters per statement; stay well below both. */
const BATCH_SIZE = 500;

const optionalDate = (value: unknown) =>
  value === null || value === undefined ? undefined : new Date(value as string);

interface ScheduledTaskRow {
  entity_ref: string;
  task_id: string;
  cadence: string;
  owner_ref: string | null;
  active: boolean | number;
  first_applied_at: Date | string | number;
  retired_at: Date | string | number | null;
  last_completed_at: Date | string | number | null;
  next_due_at: Date | string | number;
  notified_overdue_at: Date | string | number | null;
}

function toScheduledTask(row: ScheduledTaskRow): ScheduledTask {
  return {
    entityRef: row.entity_ref,
    taskId: row.task_id,
    cadence: row.cadence as ScheduledTask['cadence'],
    ...(row.owner_ref ? { ownerRef: row.owner_ref } : {}),
    // SQLite has no boolean type and returns 0 or 1.
    active: Boolean(row.active),
    firstAppliedAt: new Date(row.first_applied_at),
    retiredAt: optionalDate(row.retired_at),
    lastCompletedAt: optionalDate(row.last_completed_at),
    nextDueAt: new Date(row.next_due_at),
    notifiedOverdueAt: optionalDate(row.notified_overdue_at),
  };
}

function toScheduledTaskRow(task: ScheduledTask) {
  return {
    entity_ref: task.entityRef,
    task_id: task.taskId,
    cadence: task.cadence,
    owner_ref: task.ownerRef ?? null,
    active: task.active,
    first_applied_at: task.firstAppliedAt,
    retired_at: task.retiredAt ?? null,
    last_completed_at: task.lastCompletedAt ?? null,
    next_due_at: task.nextDueAt,
    notified_overdue_at: task.notifiedOverdueAt ?? null,
  };
}

interface AssessmentRow {
  id: number | string;
  entity_ref: string;
  assessment: string;
}

export class DatabaseMcpSecurityStore implements McpSecurityStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseMcpSecurityStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseMcpSecurityStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async getLatestAssessments(
    entityRefs: string[],
  ): Promise<Map<string, Assessment>> {
    const result = new Map<string, Assessment>();
    for (let i = 0; i < entityRefs.length; i += BATCH_SIZE) {
      const batch = entityRefs.slice(i, i + BATCH_SIZE);
      const latestIds = this.db('assessments')
        .max('id')
        .whereIn('entity_ref', batch)
        .groupBy('entity_ref');
      const rows: AssessmentRow[] = await this.db('assessments')
        .select('id', 'entity_ref', 'assessment')
        .whereIn('id', latestIds);
      for (const row of rows) {
        result.set(row.entity_ref, JSON.parse(row.assessment));
      }
    }
    return result;
  }

  async getLatestFingerprints(
    entityRefs: string[],
  ): Promise<Map<string, AssessmentFingerprint>> {
    const result = new Map<string, AssessmentFingerprint>();
    for (let i = 0; i < entityRefs.length; i += BATCH_SIZE) {
      const latestIds = this.db('assessments')
        .max('id')
        .whereIn('entity_ref', entityRefs.slice(i, i + BATCH_SIZE))
        .groupBy('entity_ref');
      const rows = await this.db('assessments')
        .select(
          'entity_ref',
          'profile_hash',
          'knowledge_version',
          'engine_version',
        )
        .whereIn('id', latestIds);
      for (const row of rows) {
        result.set(row.entity_ref, {
          profileHash: row.profile_hash,
          knowledgeVersion: row.knowledge_version,
          engineVersion: row.engine_version,
        });
      }
    }
    return result;
  }

  async insertAssessments(assessments: Assessment[]): Promise<void> {
    const rows = assessments.map(a => ({
      entity_ref: a.entityRef,
      profile_hash: a.profileHash,
      knowledge_version: a.knowledgeVersion,
      engine_version: a.engineVersion,
      trust_tier: a.trust.tier,
      trust_score: a.trust.score,
      risk_level: a.risk.level,
      risk_score: a.risk.score,
      assessment: JSON.stringify(a),
      assessed_at: new Date(a.assessedAt),
    }));
    await this.db.batchInsert('assessments', rows, BATCH_SIZE / 10);
  }

  async getAssessmentHistory(
    entityRef: string,
    options: { limit: number },
  ): Promise<AssessmentSummary[]> {
    const rows = await this.db('assessments')
      .where({ entity_ref: entityRef })
      .orderBy('id', 'desc')
      .limit(options.limit)
      .select(
        'assessed_at',
        'trust_tier',
        'trust_score',
        'risk_level',
        'risk_score',
        'knowledge_version',
        'engine_version',
        'profile_hash',
      );
    return rows.map(row => ({
      assessedAt: new Date(row.assessed_at).toISOString(),
      trust: { tier: row.trust_tier, score: row.trust_score },
      risk: { level: row.risk_level, score: row.risk_score },
      knowledgeVersion: row.knowledge_version,
      engineVersion: row.engine_version,
      profileHash: row.profile_hash,
    }));
  }

  async getDecisions(entityRef: string): Promise<RecommendationDecision[]> {
    return (await this.getDecisionsFor([entityRef])).get(entityRef) ?? [];
  }

  async getDecisionsFor(
    entityRefs: string[],
  ): Promise<Map<string, RecommendationDecision[]>> {
    const rows: any[] = [];
    for (let i = 0; i < entityRefs.length; i += BATCH_SIZE) {
      rows.push(
        ...(await this.db('recommendation_decisions')
          .whereIn('entity_ref', entityRefs.slice(i, i + BATCH_SIZE))
          .orderBy(['entity_ref', 'control_id'])),
      );
    }
    const result = new Map<string, RecommendationDecision[]>();
    for (const [ref, group] of groupBy(rows, row => row.entity_ref)) {
      result.set(
        ref,
        group.map(row => ({
          controlId: row.control_id,
          status: row.status,
          ...(row.note ? { note: row.note } : {}),
          decidedBy: row.decided_by,
          decidedAt: new Date(row.decided_at).toISOString(),
          version: row.version,
        })),
      );
    }
    return result;
  }

  async recordDecision(
    entityRef: string,
    decision: Omit<RecommendationDecision, 'version'>,
    seenVersion: number,
  ): Promise<RecommendationDecision> {
    const row = {
      entity_ref: entityRef,
      control_id: decision.controlId,
      status: decision.status,
      note: decision.note ?? null,
      decided_by: decision.decidedBy,
      decided_at: new Date(decision.decidedAt),
    };
    const key = { entity_ref: entityRef, control_id: decision.controlId };
    const version = seenVersion + 1;
    await this.db.transaction(async tx => {
      let applied: boolean;
      if (seenVersion === 0) {
        // First decision: the primary key lets exactly one concurrent insert
        // through; the savepoint keeps the transaction usable for the others.
        applied = await tx
          .transaction(sp =>
            sp('recommendation_decisions').insert({ ...row, version }),
          )
          .then(
            () => true,
            async error => {
              if (await tx('recommendation_decisions').where(key).first()) {
                return false;
              }
              throw error;
            },
          );
      } else {
        applied =
          (await tx('recommendation_decisions')
            .where({ ...key, version: seenVersion })
            .update({ ...row, version })) === 1;
      }
      if (!applied) {
        throw new ConflictError(
          `The decision on ${decision.controlId} for ${entityRef} was changed by someone else (version ${seenVersion} is stale); reload it and try again`,
        );
      }
      await tx('recommendation_events').insert(row);
    });
    return { ...decision, version };
  }

  async getScheduledTasks(entityRefs: string[]): Promise<ScheduledTask[]> {
    const tasks: ScheduledTask[] = [];
    for (let i = 0; i < entityRefs.length; i += BATCH_SIZE) {
      const rows: ScheduledTaskRow[] = await this.db('maintenance_tasks')
        .whereIn('entity_ref', entityRefs.slice(i, i + BATCH_SIZE))
        .orderBy(['entity_ref', 'task_id']);
      tasks.push(...rows.map(toScheduledTask));
    }
    return tasks;
  }

  async saveScheduledTasks(tasks: ScheduledTask[]): Promise<void> {
    // Ten columns a row: stay under the bound-parameter limits.
    const chunk = BATCH_SIZE / 10;
    for (let i = 0; i < tasks.length; i += chunk) {
      await this.db('maintenance_tasks')
        .insert(tasks.slice(i, i + chunk).map(toScheduledTaskRow))
        .onConflict(['entity_ref', 'task_id'])
        .merge();
    }
  }

  async recordCompletion(
    completion: MaintenanceCompletion & { entityRef: string },
    nextDueAt: Date,
    options: CompletionOptions = {},
  ): Promise<'recorded' | 'replayed'> {
    const completedAt = new Date(completion.completedAt);
    const task = {
      entity_ref: completion.entityRef,
      task_id: completion.taskId,
    };
    const key = options.idempotencyKey ?? null;
    try {
      await this.db.transaction(async tx => {
        await tx('maintenance_completions').insert({
          ...task,
          outcome: completion.outcome,
          evidence: completion.evidence,
          cadence: completion.cadence,
          completed_by: completion.completedBy,
          completed_at: completedAt,
          idempotency_key: key,
        });
        const update = tx('maintenance_tasks').where(task);
        const since = options.notCompletedSince;
        if (since) {
          update.andWhere(q =>
            q
              .whereNull('last_completed_at')
              .orWhere('last_completed_at', '<', since),
          );
        }
        const updated = await update.update({
          last_completed_at: completedAt,
          next_due_at: nextDueAt,
          notified_overdue_at: null,
        });
        if (updated !== 1) {
          throw new ConflictError(
            `${completion.taskId} was completed for ${
              completion.entityRef
            } since ${since?.toISOString()}; if this is another completion, say so`,
          );
        }
      });
      return 'recorded';
    } catch (error) {
      // A concurrent request with the same key won: this one is its retry.
      if (
        key &&
        (await this.hasCompletion(completion.entityRef, completion.taskId, key))
      ) {
        return 'replayed';
      }
      throw error;
    }
  }

  async hasCompletion(
    entityRef: string,
    taskId: string,
    idempotencyKey: string,
  ): Promise<boolean> {
    const row = await this.db('maintenance_completions')
      .where({
        entity_ref: entityRef,
        task_id: taskId,
        idempotency_key: idempotencyKey,
      })
      .first('id');
    return row !== undefined;
  }

  async getCompletions(
    entityRef: string,
    options: { taskId?: string; limit: number },
  ): Promise<MaintenanceCompletion[]> {
    const query = this.db('maintenance_completions')
      .where({ entity_ref: entityRef })
      .orderBy('id', 'desc')
      .limit(options.limit);
    if (options.taskId) query.andWhere({ task_id: options.taskId });
    const rows = await query;
    return rows.map(row => ({
      taskId: row.task_id,
      outcome: row.outcome,
      evidence: row.evidence,
      cadence: row.cadence,
      completedBy: row.completed_by,
      completedAt: new Date(row.completed_at).toISOString(),
    }));
  }

  async claimNewlyOverdue(now: Date): Promise<ScheduledTask[]> {
    return this.db.transaction(async tx => {
      const rows: ScheduledTaskRow[] = await tx('maintenance_tasks')
        .where({ active: true })
        .andWhere('next_due_at', '<', now)
        .whereNull('notified_overdue_at')
        .orderBy(['entity_ref', 'task_id']);
      for (let i = 0; i < rows.length; i += BATCH_SIZE) {
        const batch = rows.slice(i, i + BATCH_SIZE);
        await tx('maintenance_tasks')
          .whereIn(
            ['entity_ref', 'task_id'],
            batch.map(r => [r.entity_ref, r.task_id]),
          )
          .whereNull('notified_overdue_at')
          .update({ notified_overdue_at: now });
      }
      return rows.map(row => ({
        ...toScheduledTask(row),
        notifiedOverdueAt: now,
      }));
    });
  }

  async claimAdvisoryNotifications(
    pairs: AdvisoryNotification[],
    now: Date,
  ): Promise<AdvisoryNotification[]> {
    const claimed: AdvisoryNotification[] = [];
    for (let i = 0; i < pairs.length; i += BATCH_SIZE) {
      // Rows that exist already are ignored, so RETURNING names only the new ones.
      const rows: { entity_ref: string; advisory_id: string }[] = await this.db(
        'advisory_notifications',
      )
        .insert(
          pairs.slice(i, i + BATCH_SIZE).map(p => ({
            entity_ref: p.entityRef,
            advisory_id: p.advisoryId,
            notified_at: now,
          })),
        )
        .onConflict(['entity_ref', 'advisory_id'])
        .ignore()
        .returning(['entity_ref', 'advisory_id']);
      claimed.push(
        ...rows.map(r => ({
          entityRef: r.entity_ref,
          advisoryId: r.advisory_id,
        })),
      );
    }
    return claimed;
  }

  async startSweepRun(startedAt: Date): Promise<number> {
    const [row] = await this.db('sweep_runs')
      .insert({ started_at: startedAt })
      .returning('id');
    return Number(typeof row === 'object' ? row.id : row);
  }

  async finishSweepRun(
    id: number,
    result: SweepResult & { finishedAt: Date },
  ): Promise<void> {
    await this.db('sweep_runs').where({ id }).update({
      finished_at: result.finishedAt,
      servers: result.servers,
      assessed: result.assessed,
      failed: result.failed,
    });
  }
}

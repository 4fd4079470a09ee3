import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  Assessment,
  AssessmentSummary,
  RecommendationDecision,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { Knex } from 'knex';
import {
  AssessmentFingerprint,
  McpSecurityStore,
  SweepResult,
} from './McpSecurityStore';

const migrationsDir = resolvePackagePath(
  '@mcp-server-operator/plugin-mcp-security-backend',
  'migrations',
);

/** SQLite and PostgreSQL cap bound parameters per statement; stay well below both. */
const BATCH_SIZE = 500;

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
    const rows = await this.db('recommendation_decisions')
      .where({ entity_ref: entityRef })
      .orderBy('control_id');
    return rows.map(row => ({
      controlId: row.control_id,
      status: row.status,
      ...(row.note ? { note: row.note } : {}),
      decidedBy: row.decided_by,
      decidedAt: new Date(row.decided_at).toISOString(),
    }));
  }

  async recordDecision(
    entityRef: string,
    decision: RecommendationDecision,
  ): Promise<void> {
    const row = {
      entity_ref: entityRef,
      control_id: decision.controlId,
      status: decision.status,
      note: decision.note ?? null,
      decided_by: decision.decidedBy,
      decided_at: new Date(decision.decidedAt),
    };
    await this.db.transaction(async tx => {
      await tx('recommendation_decisions')
        .insert(row)
        .onConflict(['entity_ref', 'control_id'])
        .merge(['status', 'note', 'decided_by', 'decided_at']);
      await tx('recommendation_events').insert(row);
    });
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

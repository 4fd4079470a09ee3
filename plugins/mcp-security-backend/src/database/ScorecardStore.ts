import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  RiskLevel,
  ScorecardGroupBy,
  ScorecardRow,
  ScorecardServer,
  TrustTier,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { Knex } from 'knex';

const BATCH_SIZE = 500;

const COLUMN: Record<ScorecardGroupBy, string> = {
  owner: 'owner_ref',
  system: 'system_ref',
  domain: 'domain_ref',
};

/** One server's current figures, as the scorecards aggregate them. */
export interface ServerSummary {
  entityRef: string;
  ownerRef?: string;
  systemRef?: string;
  domainRef?: string;
  riskLevel: RiskLevel;
  riskScore: number;
  trustTier: TrustTier;
  checkedAt: Date;
  openP1: number;
  openP2: number;
  /** Advisories matching the server: malicious packages, known vulnerabilities. */
  maliciousPackages: number;
  knownVulnerabilities: number;
}

type Figures = Omit<ScorecardRow, 'level' | 'nextLevel'>;

const num = (value: unknown) => Number(value ?? 0);

/**
 * Scorecard figures as SQL aggregates over one summary row per server, so a
 * portal with thousands of servers never loads them into memory to count.
 */
export class ScorecardStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<ScorecardStore> {
    return new ScorecardStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  async saveSummaries(summaries: ServerSummary[]): Promise<void> {
    const chunk = BATCH_SIZE / 10;
    for (let i = 0; i < summaries.length; i += chunk) {
      await this.db('server_summaries')
        .insert(
          summaries.slice(i, i + chunk).map(s => ({
            entity_ref: s.entityRef,
            owner_ref: s.ownerRef ?? null,
            system_ref: s.systemRef ?? null,
            domain_ref: s.domainRef ?? null,
            risk_level: s.riskLevel,
            risk_score: s.riskScore,
            trust_tier: s.trustTier,
            checked_at: s.checkedAt,
            open_p1: s.openP1,
            open_p2: s.openP2,
            malicious_packages: s.maliciousPackages,
            known_vulnerabilities: s.knownVulnerabilities,
          })),
        )
        .onConflict('entity_ref')
        .merge();
    }
  }

  /** The servers whose current assessment matched any advisory. */
  async serversWithAdvisories(): Promise<string[]> {
    const rows = await this.db('server_summaries')
      .where('malicious_packages', '>', 0)
      .orWhere('known_vulnerabilities', '>', 0)
      .orderBy('entity_ref')
      .select('entity_ref');
    return rows.map(row => row.entity_ref);
  }

  /** Records that these servers' assessments were confirmed current. */
  async touch(entityRefs: string[], checkedAt: Date): Promise<void> {
    for (let i = 0; i < entityRefs.length; i += BATCH_SIZE) {
      await this.db('server_summaries')
        .whereIn('entity_ref', entityRefs.slice(i, i + BATCH_SIZE))
        .update({ checked_at: checkedAt });
    }
  }

  async setOpenCounts(
    entityRef: string,
    openP1: number,
    openP2: number,
  ): Promise<void> {
    await this.db('server_summaries')
      .where({ entity_ref: entityRef })
      .update({ open_p1: openP1, open_p2: openP2 });
  }

  /** When a control first appeared in the server's assessment history. */
  async firstRecommendedAt(
    entityRef: string,
    controlId: string,
  ): Promise<Date | undefined> {
    const [row] = await this.db('assessments')
      .where({ entity_ref: entityRef })
      .andWhere(
        'assessment',
        'like',
        `%"controlId":"${controlId.replace(/[%_"\\]/g, '')}"%`,
      )
      .min({ first: 'assessed_at' });
    return row?.first ? new Date(row.first) : undefined;
  }

  async setRemediation(
    entityRef: string,
    controlId: string,
    ms: number | null,
  ): Promise<void> {
    await this.db('recommendation_decisions')
      .where({ entity_ref: entityRef, control_id: controlId })
      .update({ remediation_ms: ms });
  }

  async figures(
    groupBy: ScorecardGroupBy,
    options: {
      now: Date;
      coveredSince: Date;
      staleBefore: Date;
      groupRef?: string;
    },
  ): Promise<Figures[]> {
    const col = COLUMN[groupBy];
    const scoped = (query: Knex.QueryBuilder, alias = 's') => {
      query.whereNotNull(`${alias}.${col}`);
      if (options.groupRef) query.andWhere(`${alias}.${col}`, options.groupRef);
      return query;
    };
    const count = (expression: string, name: string) =>
      this.db.raw(`sum(case when ${expression} then 1 else 0 end) as ${name}`);

    const base = await scoped(
      this.db('server_summaries as s')
        .select(`s.${col} as group_ref`)
        .count({ servers: '*' })
        .select(
          count("s.risk_level = 'low'", 'risk_low'),
          count("s.risk_level = 'medium'", 'risk_medium'),
          count("s.risk_level = 'high'", 'risk_high'),
          count("s.risk_level = 'critical'", 'risk_critical'),
          count("s.trust_tier = 'trusted'", 'trust_trusted'),
          count("s.trust_tier = 'community'", 'trust_community'),
          count("s.trust_tier = 'unknown'", 'trust_unknown'),
          count('s.malicious_packages > 0', 'malicious_servers'),
          count('s.known_vulnerabilities > 0', 'vulnerable_servers'),
          this.db.raw(
            'sum(case when s.checked_at >= ? then 1 else 0 end) as covered',
            [options.coveredSince],
          ),
        )
        .sum({ open_p1: 's.open_p1', open_p2: 's.open_p2' })
        .groupBy(`s.${col}`),
    );

    const overdue = await scoped(
      this.db('maintenance_tasks as m')
        .join('server_summaries as s', 's.entity_ref', 'm.entity_ref')
        .select(`s.${col} as group_ref`)
        .count({ n: '*' })
        .where('m.active', true)
        .andWhere('m.next_due_at', '<', options.now)
        .groupBy(`s.${col}`),
    );

    const changes = await scoped(
      this.db('changes as c')
        .join('server_summaries as s', 's.entity_ref', 'c.entity_ref')
        .select(`s.${col} as group_ref`)
        .select(
          count("c.state = 'submitted'", 'pending'),
          this.db.raw(
            "sum(case when c.state = 'submitted' and c.updated_at < ? then 1 else 0 end) as stale",
            [options.staleBefore],
          ),
          count(
            "c.state = 'implemented' and c.review_due_at is not null and c.reviewed_at is null",
            'unreviewed',
          ),
        )
        .groupBy(`s.${col}`),
    );

    const remediation = await scoped(
      this.db('recommendation_decisions as d')
        .join('server_summaries as s', 's.entity_ref', 'd.entity_ref')
        .select(`s.${col} as group_ref`)
        .avg({ mean_ms: 'd.remediation_ms' })
        .where('d.status', 'implemented')
        .whereNotNull('d.remediation_ms')
        .groupBy(`s.${col}`),
    );

    const byGroup = <T extends { group_ref: string }>(rows: T[]) =>
      new Map(rows.map(r => [r.group_ref, r]));
    const overdueOf = byGroup(overdue as any[]);
    const changesOf = byGroup(changes as any[]);
    const remediationOf = byGroup(remediation as any[]);

    return (base as any[])
      .map(row => {
        const servers = num(row.servers);
        const change = changesOf.get(row.group_ref);
        const meanMs = remediationOf.get(row.group_ref)?.mean_ms;
        return {
          groupRef: row.group_ref,
          servers,
          risk: {
            low: num(row.risk_low),
            medium: num(row.risk_medium),
            high: num(row.risk_high),
            critical: num(row.risk_critical),
          },
          trust: {
            trusted: num(row.trust_trusted),
            community: num(row.trust_community),
            unknown: num(row.trust_unknown),
          },
          covered: num(row.covered),
          coverage: servers === 0 ? 0 : num(row.covered) / servers,
          openP1: num(row.open_p1),
          openP2: num(row.open_p2),
          ...(meanMs !== undefined && meanMs !== null
            ? {
                meanTimeToRemediateHours:
                  Math.round((num(meanMs) / 3_600_000) * 10) / 10,
              }
            : {}),
          overdueMaintenance: num(overdueOf.get(row.group_ref)?.n),
          pendingApprovals: num(change?.pending),
          staleApprovals: num(change?.stale),
          emergencyWithoutReview: num(change?.unreviewed),
          maliciousServers: num(row.malicious_servers),
          vulnerableServers: num(row.vulnerable_servers),
        };
      })
      .sort((a, b) => a.groupRef.localeCompare(b.groupRef));
  }

  async servers(
    groupBy: ScorecardGroupBy,
    groupRef: string,
  ): Promise<ScorecardServer[]> {
    const rows = await this.db('server_summaries')
      .where(COLUMN[groupBy], groupRef)
      .orderBy([{ column: 'risk_score', order: 'desc' }, 'entity_ref']);
    return rows.map(row => ({
      entityRef: row.entity_ref,
      riskLevel: row.risk_level,
      riskScore: row.risk_score,
      trustTier: row.trust_tier,
      checkedAt: new Date(row.checked_at).toISOString(),
      openP1: row.open_p1,
      openP2: row.open_p2,
    }));
  }

  async saveSnapshot(
    day: string,
    groupBy: ScorecardGroupBy,
    rows: ScorecardRow[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const chunk = BATCH_SIZE / 5;
    for (let i = 0; i < rows.length; i += chunk) {
      await this.db('scorecard_snapshots')
        .insert(
          rows.slice(i, i + chunk).map(row => ({
            day,
            group_by: groupBy,
            group_ref: row.groupRef,
            figures: JSON.stringify(row),
          })),
        )
        .onConflict(['day', 'group_by', 'group_ref'])
        .merge();
    }
  }

  async trend(
    groupBy: ScorecardGroupBy,
    groupRef: string,
    sinceDay: string,
  ): Promise<{ day: string; figures: ScorecardRow }[]> {
    const rows = await this.db('scorecard_snapshots')
      .where({ group_by: groupBy, group_ref: groupRef })
      .andWhere('day', '>=', sinceDay)
      .orderBy('day');
    return rows.map(row => ({
      day: row.day,
      figures: JSON.parse(row.figures),
    }));
  }
}

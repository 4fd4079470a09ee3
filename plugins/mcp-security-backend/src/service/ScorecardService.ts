import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Assessment,
  isOpenRecommendation,
  RecommendationDecision,
  ScorecardGroupBy,
  ScorecardLevel,
  ScorecardRow,
  ScorecardServer,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { McpSecurityStore } from '../database/McpSecurityStore';
import { ScorecardStore, ServerSummary } from '../database/ScorecardStore';
import { withLevel } from '../engine/scorecardLevels';
import { Knowledge } from '../knowledge/loadKnowledge';
import { durationMs } from '../knowledge/schema';
import type { AssessmentListener } from './AssessmentService';

/** Open P1 and P2 recommendations, by the status each one's decision gives it. */
export function openCounts(
  assessment: Assessment,
  decisions: RecommendationDecision[],
) {
  const statusOf = new Map(decisions.map(d => [d.controlId, d.status]));
  const open = assessment.recommendations.filter(r =>
    isOpenRecommendation(statusOf.get(r.controlId) ?? 'open'),
  );
  return {
    openP1: open.filter(r => r.priority === 'P1').length,
    openP2: open.filter(r => r.priority === 'P2').length,
  };
}

function advisoryCounts(assessment: Assessment) {
  const matches = assessment.profile.advisories ?? [];
  return {
    maliciousPackages: matches.filter(m => m.malicious).length,
    knownVulnerabilities: matches.filter(m => !m.malicious).length,
  };
}

function systemRefOf(assessment: Assessment): string | undefined {
  const system = assessment.profile.system;
  if (!system) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(system, {
        defaultKind: 'system',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * Scorecards of MCP servers per team, system and domain: kept current as
 * servers are assessed and their recommendations decided, computed with SQL
 * aggregates, levelled by knowledge/scorecard-levels.yaml.
 */
export class ScorecardService implements AssessmentListener {
  constructor(
    private readonly options: {
      store: ScorecardStore;
      assessmentStore: McpSecurityStore;
      catalog: CatalogService;
      auth: AuthService;
      knowledge: Knowledge;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** The domains of the systems the fresh servers belong to, read as the plugin. */
  private async domainsOf(systemRefs: string[]): Promise<Map<string, string>> {
    if (systemRefs.length === 0) return new Map();
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: systemRefs, fields: ['spec.domain'] },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    const domains = new Map<string, string>();
    items.forEach((system, i) => {
      const domain = system?.spec?.domain;
      if (typeof domain === 'string') {
        domains.set(
          systemRefs[i],
          stringifyEntityRef(
            parseEntityRef(domain, {
              defaultKind: 'domain',
              defaultNamespace: 'default',
            }),
          ),
        );
      }
    });
    return domains;
  }

  async assessed(fresh: Assessment[], checkedRefs: string[]): Promise<void> {
    const now = this.now();
    if (fresh.length > 0) {
      const refs = fresh.map(a => a.entityRef!);
      const decisions = await this.options.assessmentStore.getDecisionsFor(
        refs,
      );
      const systems = [...new Set(fresh.flatMap(a => systemRefOf(a) ?? []))];
      const domains = await this.domainsOf(systems);
      const summaries: ServerSummary[] = fresh.map(assessment => {
        const systemRef = systemRefOf(assessment);
        return {
          entityRef: assessment.entityRef!,
          ownerRef: assessment.profile.owner,
          systemRef,
          domainRef: systemRef ? domains.get(systemRef) : undefined,
          riskLevel: assessment.risk.level,
          riskScore: assessment.risk.score,
          trustTier: assessment.trust.tier,
          checkedAt: now,
          ...openCounts(assessment, decisions.get(assessment.entityRef!) ?? []),
          ...advisoryCounts(assessment),
        };
      });
      await this.options.store.saveSummaries(summaries);
    }
    const freshRefs = new Set(fresh.map(a => a.entityRef));
    await this.options.store.touch(
      checkedRefs.filter(ref => !freshRefs.has(ref)),
      now,
    );
  }

  /** Keeps open counts current, and times a recommendation from first appearing to implemented. */
  async decided(
    assessment: Assessment,
    decisions: RecommendationDecision[],
  ): Promise<void> {
    const ref = assessment.entityRef!;
    const { openP1, openP2 } = openCounts(assessment, decisions);
    await this.options.store.setOpenCounts(ref, openP1, openP2);
    const latest = [...decisions]
      .sort((a, b) => a.decidedAt.localeCompare(b.decidedAt))
      .at(-1);
    if (!latest) return;
    let remediationMs: number | null = null;
    if (latest.status === 'implemented') {
      const since = await this.options.store.firstRecommendedAt(
        ref,
        latest.controlId,
      );
      remediationMs = since
        ? Math.max(0, Date.parse(latest.decidedAt) - since.getTime())
        : null;
    }
    await this.options.store.setRemediation(
      ref,
      latest.controlId,
      remediationMs,
    );
  }

  levels(): ScorecardLevel[] {
    return this.options.knowledge.scorecardLevels.levels;
  }

  private windows(now: Date) {
    const { coverageWindow, staleApprovalAfter } =
      this.options.knowledge.scorecardLevels;
    return {
      now,
      coveredSince: new Date(now.getTime() - durationMs(coverageWindow)),
      staleBefore: new Date(now.getTime() - durationMs(staleApprovalAfter)),
    };
  }

  async scorecards(groupBy: ScorecardGroupBy): Promise<ScorecardRow[]> {
    const figures = await this.options.store.figures(
      groupBy,
      this.windows(this.now()),
    );
    return figures.map(f =>
      withLevel(f, this.options.knowledge.scorecardLevels),
    );
  }

  /** One group's figures and the servers in it the caller can read. */
  async group(
    groupBy: ScorecardGroupBy,
    groupRef: string,
    credentials: BackstageCredentials,
  ): Promise<{ scorecard: ScorecardRow; servers: ScorecardServer[] }> {
    const [figures] = await this.options.store.figures(groupBy, {
      ...this.windows(this.now()),
      groupRef,
    });
    if (!figures) {
      throw new NotFoundError(
        `No MCP servers are grouped under ${groupBy} ${groupRef}`,
      );
    }
    const servers = await this.options.store.servers(groupBy, groupRef);
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: servers.map(s => s.entityRef),
        fields: ['kind', 'metadata.name'],
      },
      { credentials },
    );
    return {
      scorecard: withLevel(figures, this.options.knowledge.scorecardLevels),
      servers: servers.filter((_, i) => items[i]),
    };
  }

  async trend(groupBy: ScorecardGroupBy, groupRef: string, days: number) {
    const since = new Date(this.now().getTime() - days * 24 * 3600_000);
    return this.options.store.trend(
      groupBy,
      groupRef,
      since.toISOString().slice(0, 10),
    );
  }

  /** Today's figures for every group, kept per UTC day; a later run the same day replaces them. */
  async snapshot(): Promise<void> {
    const day = this.now().toISOString().slice(0, 10);
    for (const groupBy of ['owner', 'system', 'domain'] as const) {
      await this.options.store.saveSnapshot(
        day,
        groupBy,
        await this.scorecards(groupBy),
      );
    }
  }
}

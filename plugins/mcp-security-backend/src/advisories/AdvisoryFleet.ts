import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AdvisoriesResponse,
  Assessment,
  FleetAdvisory,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { McpSecurityStore } from '../database/McpSecurityStore';
import { ScorecardStore } from '../database/ScorecardStore';
import { AdvisoryService } from './AdvisoryService';

const PAGE_SIZE = 500;

/** Groups the advisories of current assessments by advisory and package: "who runs postmark-mcp 1.0.16?". */
export function fleetAdvisoriesOf(assessments: Assessment[]): FleetAdvisory[] {
  const byKey = new Map<string, FleetAdvisory>();
  for (const assessment of assessments) {
    for (const match of assessment.profile.advisories ?? []) {
      const key = `${match.advisoryId} ${match.package.ecosystem}:${match.package.name}`;
      const {
        package: pkg,
        fixedVersion,
        certainty,
        reason,
        ...advisory
      } = match;
      const entry = byKey.get(key) ?? {
        ...advisory,
        package: { ecosystem: pkg.ecosystem, name: pkg.name },
        servers: [],
      };
      entry.servers.push({
        entityRef: assessment.entityRef!,
        ...(assessment.profile.owner
          ? { owner: assessment.profile.owner }
          : {}),
        ...(pkg.version ? { version: pkg.version } : {}),
        ...(fixedVersion ? { fixedVersion } : {}),
        certainty,
        riskLevel: assessment.risk.level,
      });
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()]
    .map(a => ({
      ...a,
      servers: a.servers.sort((x, y) => x.entityRef.localeCompare(y.entityRef)),
    }))
    .sort(
      (a, b) =>
        Number(b.malicious) - Number(a.malicious) ||
        b.servers.length - a.servers.length ||
        a.advisoryId.localeCompare(b.advisoryId),
    );
}

/**
 * The fleet view of advisories: every advisory that matches a server the
 * caller can read in the catalog, from the servers' current assessments.
 * Only servers whose scorecard summary counts a match are looked at, so the
 * cost follows the number of affected servers, not the size of the catalog.
 */
export class AdvisoryFleet {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      store: McpSecurityStore;
      summaries: Pick<ScorecardStore, 'serversWithAdvisories'>;
      advisories: AdvisoryService;
    },
  ) {}

  async list(
    credentials: BackstageCredentials,
    filter: { malicious?: boolean } = {},
  ): Promise<AdvisoriesResponse> {
    const { catalog, store, summaries } = this.options;
    const candidates = await summaries.serversWithAdvisories();
    const matched: Assessment[] = [];
    for (let i = 0; i < candidates.length; i += PAGE_SIZE) {
      const refs = candidates.slice(i, i + PAGE_SIZE);
      // The caller's catalog access decides which servers the list shows.
      const { items } = await catalog.getEntitiesByRefs(
        {
          entityRefs: refs,
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      );
      const visible = items.flatMap(e => (e ? [stringifyEntityRef(e)] : []));
      const latest = await store.getLatestAssessments(visible);
      matched.push(
        ...[...latest.values()].filter(a => a.profile.advisories?.length),
      );
    }
    const advisories = fleetAdvisoriesOf(matched).filter(
      a => filter.malicious === undefined || a.malicious === filter.malicious,
    );
    return { advisories, sources: this.options.advisories.status() };
  }
}

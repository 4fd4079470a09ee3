import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AdvisoriesResponse,
  Assessment,
  FleetAdvisory,
  isMcpServerEntity,
  MCP_SERVER_SPEC_TYPE,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { McpSecurityStore } from '../database/McpSecurityStore';
import { AdvisoryService } from './AdvisoryService';

const PAGE_SIZE = 500;
const FIELDS = ['kind', 'metadata.namespace', 'metadata.name', 'spec.type'];

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
 */
export class AdvisoryFleet {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      store: McpSecurityStore;
      advisories: AdvisoryService;
      kinds: readonly string[];
    },
  ) {}

  async list(
    credentials: BackstageCredentials,
    filter: { malicious?: boolean } = {},
  ): Promise<AdvisoriesResponse> {
    const { catalog, store, kinds } = this.options;
    const matched: Assessment[] = [];
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, fields: FIELDS, limit: PAGE_SIZE }
          : {
              filter: { kind: [...kinds], 'spec.type': MCP_SERVER_SPEC_TYPE },
              fields: FIELDS,
              limit: PAGE_SIZE,
            },
        { credentials },
      );
      const refs = page.items
        .filter(e => isMcpServerEntity(e, kinds))
        .map(e => stringifyEntityRef(e));
      const latest = await store.getLatestAssessments(refs);
      matched.push(
        ...[...latest.values()].filter(a => a.profile.advisories?.length),
      );
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    const advisories = fleetAdvisoriesOf(matched).filter(
      a => filter.malicious === undefined || a.malicious === filter.malicious,
    );
    return { advisories, sources: this.options.advisories.status() };
  }
}

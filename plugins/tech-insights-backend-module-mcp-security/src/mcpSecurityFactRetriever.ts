import {
  FactRetriever,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  McpSecurityService,
  mcpSecurityFigures,
} from '@mcp-server-operator/plugin-mcp-security-node';
import { mcpSecurityFactSchema } from './mcpSecurityFacts';

/** The retriever's id, and its key under `techInsights.factRetrievers` in config. */
export const MCP_SECURITY_FACT_RETRIEVER_ID = 'mcpSecurityFactRetriever';

/** Servers read at once: enough to keep a sweep short, few enough not to crowd the backend. */
const CONCURRENCY = 4;

/**
 * Publishes each MCP server's MCP Security figures as Tech Insights facts.
 * Servers the backend has not assessed yet are left out until it has.
 */
export function createMcpSecurityFactRetriever(options: {
  catalog: CatalogService;
  auth: AuthService;
  mcpSecurity: McpSecurityService;
  kinds: string[];
}): FactRetriever {
  const { catalog, auth, mcpSecurity, kinds } = options;
  const entityFilter = kinds.map(kind => ({ kind, 'spec.type': 'mcp-server' }));
  return {
    id: MCP_SECURITY_FACT_RETRIEVER_ID,
    version: '0.1.0',
    title: 'MCP Security',
    description:
      'Risk, trust, open recommendations, overdue maintenance, pending approvals, advisories, scanner findings and tool changes of MCP servers',
    entityFilter,
    schema: mcpSecurityFactSchema,
    async handler({ logger }) {
      const { items } = await catalog.getEntities(
        {
          filter: entityFilter,
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      const refs = items.map(e => stringifyEntityRef(e));
      const facts: TechInsightFact[] = [];
      for (let i = 0; i < refs.length; i += CONCURRENCY) {
        const batch = await Promise.all(
          refs.slice(i, i + CONCURRENCY).map(async ref => {
            try {
              return await factsOf(ref);
            } catch (error) {
              logger.warn(`No MCP Security facts for ${ref}: ${error}`);
              return undefined;
            }
          }),
        );
        facts.push(...batch.filter((f): f is TechInsightFact => !!f));
      }
      return facts;
    },
  };

  async function factsOf(ref: string): Promise<TechInsightFact | undefined> {
    const assessment = await mcpSecurity.getAssessment(ref);
    if (!assessment) {
      return undefined;
    }
    const [maintenance, changes] = await Promise.all([
      mcpSecurity.getMaintenance(ref),
      mcpSecurity.getChanges(ref),
    ]);
    const { kind, namespace, name } = parseEntityRef(ref);
    return {
      entity: { kind, namespace, name },
      facts: { ...mcpSecurityFigures(assessment, maintenance, changes) },
    };
  }
}

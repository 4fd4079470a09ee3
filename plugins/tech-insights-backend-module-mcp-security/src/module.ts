import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { mcpSecurityServiceRef } from '@mcp-server-operator/plugin-mcp-security-node';
import {
  MCP_SECURITY_FACT_RETRIEVER_ID,
  createMcpSecurityFactRetriever,
} from './mcpSecurityFactRetriever';

/**
 * Tech Insights facts from MCP Security. Tech Insights runs the retriever
 * only when `techInsights.factRetrievers.mcpSecurityFactRetriever` sets its
 * cadence.
 *
 * @public
 */
export const techInsightsModuleMcpSecurity = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'mcp-security',
  register(reg) {
    reg.registerInit({
      deps: {
        factRetrievers: techInsightsFactRetrieversExtensionPoint,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        mcpSecurity: mcpSecurityServiceRef,
      },
      async init({ factRetrievers, config, auth, catalog, mcpSecurity }) {
        // The same kinds as the mcp-security backend counts as MCP servers.
        const kinds = config.getOptionalStringArray('mcpSecurity.kinds') ?? [
          'API',
          'Component',
        ];
        factRetrievers.addFactRetrievers({
          [MCP_SECURITY_FACT_RETRIEVER_ID]: createMcpSecurityFactRetriever({
            catalog,
            auth,
            mcpSecurity,
            kinds,
          }),
        });
      },
    });
  },
});

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mcpSecurityServiceRef } from '@mcp-server-operator/plugin-mcp-security-node';
import { scorecardMetricsExtensionPoint } from '@red-hat-developer-hub/backstage-plugin-scorecard-node';
import { McpSecurityMetricProvider } from './McpSecurityMetricProvider';
import {
  OPEN_WORK_METRICS,
  OPEN_WORK_THRESHOLDS,
  RISK_METRICS,
  RISK_THRESHOLDS,
} from './metrics';

/**
 * RHDH Scorecard metrics from MCP Security, for MCP servers only: risk
 * scores coloured by risk level, and counts of open work.
 *
 * @public
 */
export const scorecardModuleMcpSecurity = createBackendModule({
  pluginId: 'scorecard',
  moduleId: 'mcp-security',
  register(reg) {
    reg.registerInit({
      deps: {
        metrics: scorecardMetricsExtensionPoint,
        config: coreServices.rootConfig,
        mcpSecurity: mcpSecurityServiceRef,
      },
      async init({ metrics, config, mcpSecurity }) {
        // The same kinds as the mcp-security backend counts as MCP servers.
        const kinds = config.getOptionalStringArray('mcpSecurity.kinds') ?? [
          'API',
          'Component',
        ];
        metrics.addMetricProvider(
          new McpSecurityMetricProvider({
            providerId: 'mcp-security.risk',
            metrics: RISK_METRICS,
            thresholds: RISK_THRESHOLDS,
            kinds,
            mcpSecurity,
          }),
          new McpSecurityMetricProvider({
            providerId: 'mcp-security.open_work',
            metrics: OPEN_WORK_METRICS,
            thresholds: OPEN_WORK_THRESHOLDS,
            kinds,
            mcpSecurity,
          }),
        );
      },
    });
  },
});

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readProviderConfigs } from './config';
import { McpRegistryEntityProvider } from './McpRegistryEntityProvider';

/**
 * Catalog module: one entity provider per registry configured under
 * `catalog.providers.mcpServerRegistry`.
 *
 * @public
 */
export const catalogModuleMcpRegistry = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'mcp-registry',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        catalog.addEntityProvider(
          readProviderConfigs(config).map(
            providerConfig =>
              new McpRegistryEntityProvider({
                config: providerConfig,
                logger,
                taskRunner: scheduler.createScheduledTaskRunner(
                  providerConfig.schedule,
                ),
              }),
          ),
        );
      },
    });
  },
});

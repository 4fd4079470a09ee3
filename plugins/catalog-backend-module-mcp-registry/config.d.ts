import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * MCP registries (v0.1 API) whose servers become `mcp-server` APIs in
       * the catalog, keyed by provider id. The id is also the catalog
       * namespace of the registry's entities.
       */
      mcpServerRegistry?: {
        [id: string]: {
          /** The registry's base URL, e.g. https://registry.example.com; nothing else is fetched. */
          baseUrl: string;
          /** How often the registry is read in full. */
          schedule: SchedulerServiceTaskScheduleDefinitionConfig;
          /** Entity reference of the owner of the discovered entities, e.g. group:default/platform-team. */
          owner: string;
          /** Optional allow-list of server name prefixes, e.g. io.github.acme. */
          namespaces?: string[];
        };
      };
    };
  };
}

import { Entity } from '@backstage/catalog-model';
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { isMcpServerEntity } from '@mcp-server-operator/plugin-mcp-security-common';
import { mcpSecurityApiRef, McpSecurityClient } from './api';

/**
 * The MCP Security plugin for the legacy frontend system.
 *
 * @public
 */
export const mcpSecurityPlugin = createPlugin({
  id: 'mcp-security',
  apis: [
    createApiFactory({
      api: mcpSecurityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new McpSecurityClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The MCP Security tab content for the entity page of an MCP server.
 *
 * @public
 */
export const EntityMcpSecurityContent = mcpSecurityPlugin.provide(
  createComponentExtension({
    name: 'EntityMcpSecurityContent',
    component: {
      lazy: () =>
        import('./components/EntityMcpSecurityContent').then(
          m => m.EntityMcpSecurityContent,
        ),
    },
  }),
);

/**
 * Whether an entity is an MCP server (kind API or Component with
 * `spec.type: mcp-server`), for `<EntitySwitch.Case if={isMcpServer}>`.
 *
 * @public
 */
export function isMcpServer(entity: Entity): boolean {
  // EntitySwitch passes a context as second argument, which must not reach
  // isMcpServerEntity as its list of kinds.
  return isMcpServerEntity(entity);
}

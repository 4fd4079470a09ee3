import { Entity } from '@backstage/catalog-model';
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { isMcpServerEntity } from '@mcp-server-operator/plugin-mcp-security-common';
import { mcpSecurityApiRef, McpSecurityClient } from './api';
import { rootRouteRef } from './routes';

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
  routes: { root: rootRouteRef },
});

/**
 * The MCP Security page: the scorecards of every team's MCP servers, and the
 * approvals inbox with changes waiting for the user's vote. Mount it on a route of the app, e.g.
 * `<Route path="/mcp-security" element={<McpSecurityPage />} />`.
 *
 * @public
 */
export const McpSecurityPage = mcpSecurityPlugin.provide(
  createRoutableExtension({
    name: 'McpSecurityPage',
    component: () =>
      import('./components/McpSecurityPage').then(m => m.McpSecurityPage),
    mountPoint: rootRouteRef,
  }),
);

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
 * A card summarising one MCP server for the Overview tab of its entity page:
 * risk, trust, residual risk, open P1 recommendations, overdue maintenance,
 * changes waiting for approval, and a link to the MCP Security tab.
 *
 * @public
 */
export const EntityMcpSecurityCard = mcpSecurityPlugin.provide(
  createComponentExtension({
    name: 'EntityMcpSecurityCard',
    component: {
      lazy: () =>
        import('./components/EntityMcpSecurityCard').then(
          m => m.EntityMcpSecurityCard,
        ),
    },
  }),
);

/**
 * A card with the scorecard of the MCP servers a group owns, for the group's
 * entity page; nothing when the user may not read the scorecards.
 *
 * @public
 */
export const EntityMcpSecurityGroupCard = mcpSecurityPlugin.provide(
  createComponentExtension({
    name: 'EntityMcpSecurityGroupCard',
    component: {
      lazy: () =>
        import('./components/EntityMcpSecurityGroupCard').then(
          m => m.EntityMcpSecurityGroupCard,
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

/*
 * The MCP Server Operator dev portal backend: the catalog with example MCP
 * servers, guest sign-in and (in development) sign-in as any example user,
 * permissions, the scaffolder, notifications, MCP actions and the MCP
 * Security plugin, on embedded SQLite unless `backend.database` says
 * otherwise.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Development only: sign in as any example user (x-dev-user header).
backend.add(import('./modules/devUserAuth'));

backend.add(import('@backstage/plugin-catalog-backend'));
// `kind: API` entities with `spec.type: mcp-server` and `spec.remotes`
backend.add(import('@backstage/plugin-catalog-backend-module-ai-model'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// The servers of the MCP registries in catalog.providers.mcpServerRegistry.
backend.add(
  import('@mcp-server-operator/plugin-catalog-backend-module-mcp-registry'),
);

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./modules/permissionPolicy'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
// Render a hardened deployment, register a server, open a change request.
backend.add(
  import('@mcp-server-operator/plugin-scaffolder-backend-module-mcp-security'),
);

backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.add(import('@mcp-server-operator/plugin-mcp-security-backend'));

// Tech Insights with JSON-rules checks over the MCP Security facts.
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
);
backend.add(
  import(
    '@mcp-server-operator/plugin-tech-insights-backend-module-mcp-security'
  ),
);

backend.start();

import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { mcpChecksModule } from './modules/mcpChecks';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

/**
 * The dev portal app. Plugins listed in package.json (scaffolder,
 * notifications, org, catalog graph, MCP Security…) are discovered through
 * `app.packages: all`; only app-specific modules are named here: the
 * sidebar, the sign-in page (guest, or any example user in development),
 * and the Tech Insights checks card on MCP servers.
 */
export default createApp({
  features: [catalogPlugin, navModule, signInModule, mcpChecksModule],
});

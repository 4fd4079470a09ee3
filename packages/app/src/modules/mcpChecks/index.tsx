import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** The Tech Insights checks over MCP Security facts, on MCP servers' Overview. */
const mcpChecksCard = EntityCardBlueprint.make({
  name: 'mcp-checks',
  params: {
    filter: { 'spec.type': 'mcp-server' },
    loader: () => import('./McpChecksCard').then(m => <m.McpChecksCard />),
  },
});

export const mcpChecksModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [mcpChecksCard],
});

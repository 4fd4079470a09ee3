import { entityOf } from './__testUtils__/entities';
import { isMcpServer, McpSecurityPage, mcpSecurityPlugin } from './plugin';
import { rootRouteRef } from './routes';

describe('mcp-security legacy plugin', () => {
  it('has the plugin id of the backend', () => {
    expect(mcpSecurityPlugin.getId()).toBe('mcp-security');
  });

  it('routes the MCP Security page through its root route', () => {
    expect(mcpSecurityPlugin.routes.root).toBe(rootRouteRef);
    expect(McpSecurityPage).toBeDefined();
  });

  it('recognises MCP servers for EntitySwitch', () => {
    expect(isMcpServer(entityOf('API', 'mcp-server'))).toBe(true);
    expect(isMcpServer(entityOf('Component', 'mcp-server'))).toBe(true);
    expect(isMcpServer(entityOf('API', 'openapi'))).toBe(false);
  });
});

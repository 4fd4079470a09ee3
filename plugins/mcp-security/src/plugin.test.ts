import { entityOf } from './__testUtils__/entities';
import { isMcpServer, mcpSecurityPlugin } from './plugin';

describe('mcp-security legacy plugin', () => {
  it('has the plugin id of the backend', () => {
    expect(mcpSecurityPlugin.getId()).toBe('mcp-security');
  });

  it('recognises MCP servers for EntitySwitch', () => {
    expect(isMcpServer(entityOf('API', 'mcp-server'))).toBe(true);
    expect(isMcpServer(entityOf('Component', 'mcp-server'))).toBe(true);
    expect(isMcpServer(entityOf('API', 'openapi'))).toBe(false);
  });
});

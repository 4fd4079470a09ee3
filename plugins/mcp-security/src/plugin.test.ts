import { Entity } from '@backstage/catalog-model';
import { isMcpServer, mcpSecurityPlugin } from './plugin';

function entityOf(kind: string, type: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'filesystem' },
    spec: { type },
  };
}

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

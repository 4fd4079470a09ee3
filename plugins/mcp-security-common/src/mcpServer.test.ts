import { Entity } from '@backstage/catalog-model';
import { isMcpServerEntity } from './mcpServer';

const entity = (kind: string, type?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
  spec: type ? { type } : {},
});

describe('isMcpServerEntity', () => {
  it('accepts API and Component entities of type mcp-server by default', () => {
    expect(isMcpServerEntity(entity('API', 'mcp-server'))).toBe(true);
    expect(isMcpServerEntity(entity('Component', 'mcp-server'))).toBe(true);
  });

  it('rejects other spec types and kinds', () => {
    expect(isMcpServerEntity(entity('API', 'openapi'))).toBe(false);
    expect(isMcpServerEntity(entity('Resource', 'mcp-server'))).toBe(false);
    expect(isMcpServerEntity(entity('API'))).toBe(false);
  });

  it('follows the configured kinds, ignoring case', () => {
    expect(isMcpServerEntity(entity('api', 'MCP-Server'), ['API'])).toBe(true);
    expect(isMcpServerEntity(entity('Component', 'mcp-server'), ['API'])).toBe(
      false,
    );
  });
});

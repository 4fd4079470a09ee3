import { readFileSync } from 'node:fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { parseServerJson, profileFromServerJson } from './serverJson';

// The dev portal's registry sample: real entries in the v0.1 list shape.
const [entry] = JSON.parse(
  readFileSync(
    resolvePackagePath(
      '@mcp-server-operator/plugin-mcp-security-backend',
      '../../examples/registry/servers-1.json',
    ),
    'utf8',
  ),
).servers;

describe('a server.json read from a registry', () => {
  it('is unwrapped from the registry answer, keeping the registry status', () => {
    const deprecated = {
      ...entry,
      _meta: {
        'io.modelcontextprotocol.registry/official': {
          ...entry._meta['io.modelcontextprotocol.registry/official'],
          status: 'deprecated',
        },
      },
    };
    const { serverJson, findings } = parseServerJson({
      status: 'read',
      target: 'http://localhost:7010/v0.1/servers/x/versions/1',
      text: JSON.stringify(deprecated),
    });
    expect(findings).toEqual([]);
    expect(serverJson?.name).toBe(entry.server.name);
    expect(profileFromServerJson(serverJson!)).toMatchObject({
      registryName: entry.server.name,
      registryStatus: 'deprecated',
    });
  });

  it('still reads a plain server.json as it is', () => {
    const { serverJson, findings } = parseServerJson({
      status: 'read',
      target: 'https://example.com/server.json',
      text: JSON.stringify(entry.server),
    });
    expect(findings).toEqual([]);
    expect(serverJson?.version).toBe(entry.server.version);
  });
});

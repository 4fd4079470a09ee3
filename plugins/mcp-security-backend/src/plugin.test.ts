import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { join } from 'node:path';
import request from 'supertest';
import { mcpSecurityPlugin } from './plugin';
import { FIXTURES_DIR } from './__fixtures__';

function server(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${join(
          FIXTURES_DIR,
          'catalog-info.yaml',
        )}`,
        ...annotations,
      },
    },
    spec: {
      type: 'mcp-server',
      lifecycle: 'production',
      owner: 'group:default/team-a',
      remotes: [
        {
          type: 'stdio',
          url: 'npx -y @modelcontextprotocol/server-filesystem@0.6.3 /srv',
        },
      ],
    },
  };
}

const entities: Entity[] = [
  server('filesystem', {
    'mcp-security.io/server-json': './filesystem.json',
    'mcp-security.io/deployment-context': 'production',
    'mcp-security.io/capabilities': 'filesystem-read,filesystem-write',
    'mcp-security.io/isolation': 'none',
  }),
  server('escaping', {
    'mcp-security.io/server-json': '../../../package.json',
  }),
  server('bad-annotation', { 'mcp-security.io/exposure': 'everywhere' }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'petstore', namespace: 'default' },
    spec: {
      type: 'openapi',
      lifecycle: 'production',
      owner: 'team-a',
      definition: '{}',
    },
  },
];

describe('mcpSecurityPlugin', () => {
  async function startBackend() {
    const { server: httpServer } = await startTestBackend({
      features: [mcpSecurityPlugin, catalogServiceMock.factory({ entities })],
    });
    return httpServer;
  }

  it('serves health without authentication', async () => {
    const httpServer = await startBackend();
    const response = await request(httpServer)
      .get('/api/mcp-security/health')
      .set('Authorization', mockCredentials.none.header());
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('assesses an MCP server from its annotations and server.json', async () => {
    const httpServer = await startBackend();
    const response = await request(httpServer).get(
      '/api/mcp-security/entities/api/default/filesystem/assessment',
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      entityRef: 'api:default/filesystem',
      trust: { tier: 'trusted' },
      risk: { level: expect.stringMatching(/^(medium|high)$/) },
      profile: {
        registryName: 'io.github.modelcontextprotocol/server-filesystem',
      },
      findings: [],
    });
    expect(response.body.risk.factors.length).toBeGreaterThan(0);
  });

  it('keeps the stored assessment while nothing changed', async () => {
    const httpServer = await startBackend();
    const path = '/api/mcp-security/entities/api/default/filesystem/assessment';
    const first = await request(httpServer).get(path);
    const second = await request(httpServer).get(path);
    expect(second.body.assessedAt).toBe(first.body.assessedAt);
  });

  it('requires a signed-in caller for assessments', async () => {
    const httpServer = await startBackend();
    const response = await request(httpServer)
      .get('/api/mcp-security/entities/api/default/filesystem/assessment')
      .set('Authorization', mockCredentials.none.header());
    expect(response.status).toBe(401);
  });

  it('answers 404 for an unknown entity', async () => {
    const httpServer = await startBackend();
    const response = await request(httpServer).get(
      '/api/mcp-security/entities/api/default/nope/assessment',
    );
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({
      name: 'NotFoundError',
      message: 'No entity api:default/nope was found in the catalog',
    });
  });

  it('answers 404 that says so for an entity that is not an MCP server', async () => {
    const httpServer = await startBackend();
    const response = await request(httpServer).get(
      '/api/mcp-security/entities/api/default/petstore/assessment',
    );
    expect(response.status).toBe(404);
    expect(response.body.error.message).toContain(
      'api:default/petstore is not an MCP server',
    );
  });

  it('answers 400 naming the bad part of an entity reference', async () => {
    const httpServer = await startBackend();
    const response = await request(httpServer).get(
      '/api/mcp-security/entities/api/default/%20bad/assessment',
    );
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('name must be letters'),
    });
  });

  it('turns a server.json path that escapes its folder into a finding, not an error', async () => {
    const httpServer = await startBackend();
    const response = await request(httpServer).get(
      '/api/mcp-security/entities/api/default/escaping/assessment',
    );
    expect(response.status).toBe(200);
    expect(response.body.findings).toEqual([
      expect.objectContaining({
        id: 'server-json-unreadable',
        field: 'mcp-security.io/server-json',
        message: expect.stringContaining("outside the entity file's folder"),
      }),
    ]);
  });

  it('turns a bad annotation value into a finding naming the annotation', async () => {
    const httpServer = await startBackend();
    const response = await request(httpServer).get(
      '/api/mcp-security/entities/api/default/bad-annotation/assessment',
    );
    expect(response.status).toBe(200);
    expect(response.body.profile.exposure).toBe('unknown');
    expect(response.body.findings).toEqual([
      expect.objectContaining({
        field: 'mcp-security.io/exposure',
        message: expect.stringContaining('"everywhere" is not a valid value'),
      }),
    ]);
  });
});

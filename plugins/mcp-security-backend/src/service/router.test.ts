import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { FIXTURES_DIR } from '../__fixtures__';
import { mcpSecurityPlugin } from '../plugin';

const filesystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: 'filesystem',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': `file:${join(
        FIXTURES_DIR,
        'catalog-info.yaml',
      )}`,
      'mcp-security.io/server-json': './filesystem.json',
      'mcp-security.io/deployment-context': 'production',
      'mcp-security.io/data-classification': 'confidential',
      'mcp-security.io/capabilities': 'filesystem-read,filesystem-write',
      'mcp-security.io/isolation': 'none',
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

const base = '/api/mcp-security/entities/api/default/filesystem';

async function startBackend(
  options: {
    permissions?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    authorize?: jest.Mock;
    auditor?: ReturnType<typeof mockServices.auditor.mock>;
  } = {},
) {
  const permissions = options.authorize
    ? mockServices.permissions.mock({ authorize: options.authorize }).factory
    : mockServices.permissions.factory({
        result: options.permissions ?? AuthorizeResult.ALLOW,
      });
  const { server } = await startTestBackend({
    features: [
      mcpSecurityPlugin,
      catalogServiceMock.factory({ entities: [filesystem] }),
      permissions,
      ...(options.auditor ? [options.auditor.factory] : []),
    ],
  });
  return server;
}

// One backend, allowing everything, for the tests that store nothing another
// test reads; each start costs the plugin's migrations and knowledge load.
let shared: Awaited<ReturnType<typeof startBackend>>;
beforeAll(async () => {
  shared = await startBackend();
});

describe('the advisor routes', () => {
  it('serves guidance type, assurance level and recommendations with their status', async () => {
    const server = shared;
    const response = await request(server).get(`${base}/assessment`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      guidanceType: 'trusted',
      assuranceLevel: 'L3',
      residualRisk: { score: response.body.risk.score, reductions: [] },
    });
    expect(response.body.recommendations.length).toBeGreaterThan(0);
    expect(
      response.body.recommendations.every(
        (r: { status: string }) => r.status === 'open',
      ),
    ).toBe(true);
  });

  it('records a decision with who and when, lowers residual risk when implemented, and audits it', async () => {
    const success = jest.fn();
    const auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async () => ({ success, fail: jest.fn() })),
    });
    const server = await startBackend({ auditor });
    const { body: before } = await request(server).get(`${base}/assessment`);
    const control = before.recommendations.find(
      (r: { mitigates: unknown[] }) => r.mitigates.length > 0,
    );

    const response = await request(server)
      .put(`${base}/recommendations/${control.controlId}`)
      .send({
        status: 'implemented',
        note: 'Runs in the hardened pod since 2026-11-20',
        version: 0,
      });

    expect(response.status).toBe(200);
    const decided = response.body.recommendations.find(
      (r: { controlId: string }) => r.controlId === control.controlId,
    );
    expect(decided).toMatchObject({
      status: 'implemented',
      decision: {
        status: 'implemented',
        note: 'Runs in the hardened pod since 2026-11-20',
        decidedBy: mockCredentials.user().principal.userEntityRef,
        decidedAt: expect.any(String),
      },
    });
    expect(response.body.residualRisk.score).toBeLessThan(before.risk.score);
    expect(response.body.residualRisk.reductions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ controlId: control.controlId }),
      ]),
    );
    const again = await request(server).get(`${base}/assessment`);
    expect(again.body.residualRisk).toEqual(response.body.residualRisk);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'recommendation-decision',
        meta: {
          entityRef: 'api:default/filesystem',
          controlId: control.controlId,
          status: 'implemented',
        },
      }),
    );
    expect(success).toHaveBeenCalled();
  });

  it('needs a reason to dismiss, naming the field', async () => {
    const server = shared;
    const { body } = await request(server).get(`${base}/assessment`);
    const response = await request(server)
      .put(`${base}/recommendations/${body.recommendations[0].controlId}`)
      .send({ status: 'dismissed', version: 0 });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        'note: a reason is required to dismiss a recommendation',
      ),
    });
  });

  it.each([
    [{ status: 'done' }, 'status'],
    [{ status: 'accepted', extra: 1 }, 'extra'],
  ])('rejects the body %j naming %s', async (body, field) => {
    const server = shared;
    const response = await request(server)
      .put(`${base}/recommendations/x`)
      .send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(field);
  });

  it('answers 404 for a control that is not recommended for the server', async () => {
    const server = shared;
    const response = await request(server)
      .put(`${base}/recommendations/no-such-control`)
      .send({ status: 'accepted', version: 0 });
    expect(response.status).toBe(404);
    expect(response.body.error.message).toBe(
      'no-such-control is not among the current recommendations for api:default/filesystem',
    );
  });

  it('refuses decisions and refreshes the policy denies, changing nothing', async () => {
    const server = await startBackend({ permissions: AuthorizeResult.DENY });
    const { body } = await request(server).get(`${base}/assessment`);
    const controlId = body.recommendations[0].controlId;
    const decision = await request(server)
      .put(`${base}/recommendations/${controlId}`)
      .send({ status: 'accepted', version: 0 });
    expect(decision.status).toBe(403);
    expect(decision.body.error.message).toContain(
      'is not allowed mcp-security.recommendation.update on api:default/filesystem',
    );
    const refresh = await request(server).post(`${base}/assessment/refresh`);
    expect(refresh.status).toBe(403);
    const after = await request(server).get(`${base}/assessment`);
    expect(after.body.recommendations[0].status).toBe('open');
  });

  it('asks the policy about the entity itself, for the signed-in user', async () => {
    const authorize = jest.fn(async () => [{ result: AuthorizeResult.ALLOW }]);
    const server = await startBackend({ authorize });
    await request(server).post(`${base}/assessment/refresh`).expect(200);
    expect(authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'mcp-security.assessment.refresh',
          }),
          resourceRef: 'api:default/filesystem',
        },
      ],
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ type: 'user' }),
        }),
      },
    );
  });

  it('accepts mutations from users only, so no service token can bypass the policy', async () => {
    const server = shared;
    const response = await request(server)
      .post(`${base}/assessment/refresh`)
      .set('Authorization', mockCredentials.service.header());
    expect(response.status).toBe(403);
  });

  it('keeps a history, newest first', async () => {
    const server = shared;
    await request(server).get(`${base}/assessment`);
    const response = await request(server).get(`${base}/assessments?limit=5`);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      expect.objectContaining({
        risk: { level: expect.any(String), score: expect.any(Number) },
        knowledgeVersion: expect.stringMatching(/^kb-/),
      }),
    ]);
    const bad = await request(server).get(`${base}/assessments?limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('limit');
  });

  it('advises on a server.json with context, storing nothing', async () => {
    const server = shared;
    const response = await request(server)
      .post('/api/mcp-security/advise')
      .send({
        serverJson: JSON.parse(
          readFileSync(join(FIXTURES_DIR, 'filesystem.json'), 'utf8'),
        ),
        context: {
          deploymentContext: 'production',
          capabilities: ['filesystem-read', 'filesystem-write'],
          isolation: 'none',
        },
      });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      trust: { tier: 'trusted' },
      risk: { level: expect.stringMatching(/^(high|critical)$/) },
      assuranceLevel: 'L3',
      profile: {
        registryName: 'io.github.modelcontextprotocol/server-filesystem',
      },
    });
    expect(response.body.entityRef).toBeUndefined();
    expect(response.body.recommendations.length).toBeGreaterThan(0);
  });

  it('advises on one server of a VS Code client config and flags a literal token', async () => {
    const server = shared;
    const response = await request(server)
      .post('/api/mcp-security/advise')
      .send({
        clientConfig: {
          servers: {
            github: {
              type: 'http',
              url: 'https://api.githubcopilot.com/mcp/',
              headers: { Authorization: 'Bearer ghp_literal' },
            },
            playwright: {
              command: 'npx',
              args: ['-y', '@playwright/mcp@latest'],
            },
          },
        },
        serverName: 'playwright',
      });
    expect(response.status).toBe(200);
    expect(response.body.profile.packages).toEqual([
      expect.objectContaining({ identifier: '@playwright/mcp', pinned: false }),
    ]);
    const github = await request(server)
      .post('/api/mcp-security/advise')
      .send({
        clientConfig: {
          servers: {
            github: {
              type: 'http',
              url: 'https://api.githubcopilot.com/mcp/',
              headers: { Authorization: 'Bearer ghp_literal' },
            },
          },
        },
      });
    expect(github.body.findings).toContainEqual(
      expect.objectContaining({
        field: 'clientConfig.servers.github.headers.Authorization',
        severity: 'high',
      }),
    );
  });

  it.each([
    [{}, 'serverJson: give a serverJson or a clientConfig to assess'],
    [
      { serverJson: {}, context: { exposure: 'everywhere' } },
      'context.exposure',
    ],
    [
      {
        clientConfig: {
          mcpServers: { a: { command: 'x' }, b: { command: 'y' } },
        },
      },
      'clientConfig.mcpServers lists several servers (a, b); choose one with serverName',
    ],
    [{ clientConfig: { tools: {} } }, 'clientConfig must have "mcpServers"'],
  ])('refuses the advice request %j', async (body, message) => {
    const server = shared;
    const response = await request(server)
      .post('/api/mcp-security/advise')
      .send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(message);
  });

  it('lists the knowledge base controls with its version', async () => {
    const server = shared;
    const response = await request(server).get(
      '/api/mcp-security/knowledge/controls',
    );
    expect(response.status).toBe(200);
    expect(response.body.version).toMatch(/^kb-/);
    expect(response.body.items[0]).toMatchObject({
      id: expect.any(String),
      priority: { L1: expect.any(String), L4: expect.any(String) },
    });
  });

  it('summarises the model for the UI: level thresholds, assurance levels, guidance types', async () => {
    const server = shared;
    const response = await request(server).get(
      '/api/mcp-security/knowledge/model',
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      version: expect.stringMatching(/^kb-/),
      riskLevels: { medium: 30, high: 50, critical: 70 },
      assuranceLevels: expect.arrayContaining([
        expect.objectContaining({ id: 'L4', name: 'Regulated' }),
      ]),
      guidanceTypes: expect.objectContaining({
        development: expect.objectContaining({ title: 'Development' }),
      }),
    });
  });

  it('needs the scorecard permission for organisation-wide figures, and drills down to readable servers', async () => {
    const denied = await startBackend({ permissions: AuthorizeResult.DENY });
    const refused = await request(denied).get('/api/mcp-security/scorecards');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'Not allowed mcp-security.scorecard.read',
    );

    const server = shared;
    await request(server).get(`${base}/assessment`);
    const { body } = await request(server).get(
      '/api/mcp-security/scorecards?groupBy=owner',
    );
    expect(body.items).toEqual([
      expect.objectContaining({
        groupRef: 'group:default/team-a',
        servers: 1,
        covered: 1,
      }),
    ]);
    expect(body.levels.map((l: { id: string }) => l.id)).toEqual([
      'bronze',
      'silver',
      'gold',
    ]);
    const detail = await request(server).get(
      '/api/mcp-security/scorecards/group:default%2Fteam-a?groupBy=owner',
    );
    expect(
      detail.body.servers.map((s: { entityRef: string }) => s.entityRef),
    ).toEqual(['api:default/filesystem']);
    const unknown = await request(server).get(
      '/api/mcp-security/scorecards/group:default%2Fnobody',
    );
    expect(unknown.status).toBe(404);
    const badGroupBy = await request(server).get(
      '/api/mcp-security/scorecards?groupBy=planet',
    );
    expect(badGroupBy.status).toBe(400);
    expect(badGroupBy.body.error.message).toContain('groupBy');
  });
});

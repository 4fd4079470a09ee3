import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The real backend the module reads, started beside Tech Insights.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mcpSecurityPlugin from '@mcp-server-operator/plugin-mcp-security-backend';
import techInsightsPlugin from '@backstage-community/plugin-tech-insights-backend';
import {
  coreServices,
  createBackendPlugin,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import request from 'supertest';
import techInsightsModuleMcpSecurity from '.';

function server(kind: string, name: string, type = 'mcp-server'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'mcp-security.io/deployment-context': 'production',
        'mcp-security.io/capabilities': 'filesystem-read,filesystem-write',
        'mcp-security.io/isolation': 'none',
      },
    },
    spec: {
      type,
      lifecycle: 'production',
      owner: 'group:default/team-a',
      remotes: [
        {
          type: 'stdio',
          url: 'npx -y @modelcontextprotocol/server-filesystem@latest /srv',
        },
      ],
    },
  };
}

const entities = [
  server('API', 'filesystem'),
  server('Component', 'files-service'),
  server('Component', 'website', 'website'),
];

/** Set-up steps fail the suite with the backend's answer, not a bare status. */
function expectStatus(response: request.Response, status: number) {
  if (response.status !== status) {
    throw new Error(
      `Expected ${status}, got ${response.status}: ${JSON.stringify(
        response.body,
      )}`,
    );
  }
}

const FACTS_OF = (ref: string) =>
  `/api/tech-insights/facts/latest?entity=${encodeURIComponent(
    ref,
  )}&ids[]=mcpSecurityFactRetriever`;

describe('techInsightsModuleMcpSecurity', () => {
  let httpServer: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    // Nothing runs on its own: the test triggers the retriever once the
    // server has a change waiting for approval. The mock scheduler is one
    // instance for all plugins, so a probe plugin can trigger Tech Insights'
    // task.
    let scheduler: SchedulerService | undefined;
    const probe = createBackendPlugin({
      pluginId: 'probe',
      register(reg) {
        reg.registerInit({
          deps: { s: coreServices.scheduler },
          async init({ s }) {
            scheduler = s;
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        techInsightsPlugin,
        techInsightsModuleMcpSecurity,
        mcpSecurityPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        probe,
        mockServices.rootConfig.factory({
          data: {
            techInsights: {
              factRetrievers: {
                mcpSecurityFactRetriever: { cadence: '0 0 * * *' },
              },
            },
          },
        }),
      ],
    });
    httpServer = backend.server;
    stop = () => backend.stop();

    const user = mockCredentials.user('user:default/alice');
    const created = await request(httpServer)
      .post('/api/mcp-security/entities/api/default/filesystem/changes')
      .set(
        'Authorization',
        mockCredentials.user.header(user.principal.userEntityRef),
      )
      .send({
        changeType: 'code-deployment',
        title: 'Pin the filesystem server',
        description: 'Run 2025.8.21 instead of latest',
        rollbackPlan: 'Redeploy the previous image',
        emergency: false,
      });
    expectStatus(created, 201);
    const submitted = await request(httpServer)
      .post(`/api/mcp-security/changes/${created.body.id}/submit`)
      .set(
        'Authorization',
        mockCredentials.user.header(user.principal.userEntityRef),
      )
      .send({ version: created.body.version });
    expectStatus(submitted, 200);

    await scheduler!.triggerTask('mcpSecurityFactRetriever');
  });

  afterAll(() => stop());

  it('publishes the figures mcp-security serves for an API server', async () => {
    const assessment = await request(httpServer)
      .get('/api/mcp-security/entities/api/default/filesystem/assessment')
      .set('Authorization', mockCredentials.user.header());
    const response = await request(httpServer)
      .get(FACTS_OF('api:default/filesystem'))
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    const { facts } = response.body.mcpSecurityFactRetriever;
    const unresolvedP1 = assessment.body.recommendations.filter(
      (r: { priority: string; status: string }) =>
        r.priority === 'P1' && r.status === 'open',
    ).length;
    expect(unresolvedP1).toBeGreaterThan(0);
    expect(facts).toEqual({
      riskLevel: assessment.body.risk.level,
      riskScore: assessment.body.risk.score,
      residualRiskLevel: assessment.body.residualRisk.level,
      residualRiskScore: assessment.body.residualRisk.score,
      trustTier: assessment.body.trust.tier,
      openP1Recommendations: unresolvedP1,
      openP2Recommendations: expect.any(Number),
      overdueMaintenanceTasks: 0,
      pendingApprovals: 1,
      maliciousPackages: 0,
      vulnerablePackages: 0,
      openCriticalFindings: 0,
      openHighFindings: 0,
      unreviewedToolChanges: 0,
    });
    expect(['high', 'critical']).toContain(facts.riskLevel);
  });

  it('publishes facts for Component servers and none for other components', async () => {
    const component = await request(httpServer)
      .get(FACTS_OF('component:default/files-service'))
      .set('Authorization', mockCredentials.user.header());
    expect(component.body.mcpSecurityFactRetriever.facts).toMatchObject({
      riskLevel: expect.any(String),
      pendingApprovals: 0,
    });
    const website = await request(httpServer)
      .get(FACTS_OF('component:default/website'))
      .set('Authorization', mockCredentials.user.header());
    expect(website.body).toEqual({});
  });

  it('registers the schema with its version', async () => {
    const response = await request(httpServer)
      .get('/api/tech-insights/fact-schemas?ids[]=mcpSecurityFactRetriever')
      .set('Authorization', mockCredentials.user.header());
    expect(response.body).toEqual([
      expect.objectContaining({
        id: 'mcpSecurityFactRetriever',
        version: '0.1.0',
        entityFilter: [
          { kind: 'API', 'spec.type': 'mcp-server' },
          { kind: 'Component', 'spec.type': 'mcp-server' },
        ],
      }),
    ]);
  });
});

import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendPlugin,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The real backend the module reads, started beside the Scorecard.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mcpSecurityPlugin from '@mcp-server-operator/plugin-mcp-security-backend';
import scorecardPlugin from '@red-hat-developer-hub/backstage-plugin-scorecard-backend';
import request from 'supertest';
import scorecardModuleMcpSecurity from '.';

function entity(kind: string, name: string, type: string): Entity {
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
  entity('API', 'filesystem', 'mcp-server'),
  entity('Component', 'website', 'website'),
];

describe('scorecardModuleMcpSecurity', () => {
  let httpServer: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    // The mock scheduler is one instance for all plugins: a probe plugin
    // triggers the Scorecard's pull tasks once the backend is up.
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
        scorecardPlugin,
        scorecardModuleMcpSecurity,
        mcpSecurityPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        probe,
      ],
    });
    httpServer = backend.server;
    stop = () => backend.stop();
    await scheduler!.triggerTask('mcp-security.risk');
    await scheduler!.triggerTask('mcp-security.open_work');
  });

  afterAll(() => stop());

  it("returns an MCP server's metrics with their thresholds", async () => {
    const assessment = await request(httpServer)
      .get('/api/mcp-security/entities/api/default/filesystem/assessment')
      .set('Authorization', mockCredentials.user.header());
    const response = await request(httpServer)
      .get('/api/scorecard/metrics/catalog/api/default/filesystem')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    const byId = Object.fromEntries(
      response.body.map((m: { id: string }) => [m.id, m]),
    );
    const riskScore = assessment.body.risk.score;
    expect(byId['mcp-security.risk_score']).toMatchObject({
      status: 'success',
      result: {
        value: riskScore,
        thresholdResult: {
          status: 'success',
          evaluation: riskScore >= 70 ? 'error' : 'high',
        },
      },
    });
    expect(['high', 'critical']).toContain(assessment.body.risk.level);
    expect(byId['mcp-security.pending_approvals']).toMatchObject({
      result: { value: 0, thresholdResult: { evaluation: 'success' } },
    });
    const openP1 = assessment.body.recommendations.filter(
      (r: { priority: string; status: string }) =>
        r.priority === 'P1' && r.status === 'open',
    ).length;
    expect(byId['mcp-security.open_p1_recommendations']).toMatchObject({
      result: {
        value: openP1,
        thresholdResult: { evaluation: openP1 > 0 ? 'error' : 'success' },
      },
    });
  });

  it('lists its metrics under the mcp-security datasource', async () => {
    const response = await request(httpServer)
      .get('/api/scorecard/metrics?datasource=mcp-security')
      .set('Authorization', mockCredentials.user.header());
    expect(response.body.metrics.map((m: { id: string }) => m.id)).toEqual(
      expect.arrayContaining([
        'mcp-security.risk_score',
        'mcp-security.residual_risk_score',
        'mcp-security.open_p1_recommendations',
        'mcp-security.overdue_maintenance_tasks',
        'mcp-security.pending_approvals',
        'mcp-security.malicious_packages',
      ]),
    );
  });

  it('computes nothing for entities that are not MCP servers', async () => {
    const response = await request(httpServer)
      .get('/api/scorecard/metrics/catalog/component/default/website')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    const values = response.body.map(
      (m: { result?: { value: unknown } }) => m.result?.value ?? null,
    );
    expect(values.filter((v: unknown) => v !== null)).toEqual([]);
  });
});

import { Entity } from '@backstage/catalog-model';
import { startTestBackend } from '@backstage/backend-test-utils';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The real backend the service reads.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mcpSecurityPlugin from '@mcp-server-operator/plugin-mcp-security-backend';
import { McpSecurityService } from './McpSecurityClient';
import { mcpSecurityServiceRef } from './mcpSecurityServiceRef';

const filesystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: 'filesystem',
    namespace: 'default',
    annotations: {
      'mcp-security.io/deployment-context': 'production',
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

describe('mcpSecurityServiceRef', () => {
  let service: McpSecurityService;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    // A plugin of its own, so the calls go out as that plugin's service
    // principal, as a Tech Insights or Scorecard module's would.
    const reader = createBackendPlugin({
      pluginId: 'reader',
      register(reg) {
        reg.registerInit({
          deps: { mcpSecurity: mcpSecurityServiceRef },
          async init({ mcpSecurity }) {
            service = mcpSecurity;
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        mcpSecurityPlugin,
        catalogServiceMock.factory({ entities: [filesystem] }),
        reader,
      ],
    });
    stop = () => backend.stop();
  });

  afterAll(() => stop());

  it("reads a server's assessment from the running backend", async () => {
    const assessment = await service.getAssessment('api:default/filesystem');
    expect(assessment).toMatchObject({
      entityRef: 'api:default/filesystem',
      risk: { level: expect.stringMatching(/^(low|medium|high|critical)$/) },
      trust: { tier: expect.any(String) },
      residualRisk: { level: expect.any(String) },
    });
    expect(assessment!.recommendations.length).toBeGreaterThan(0);
  });

  it('answers undefined for an entity the backend does not know', async () => {
    await expect(
      service.getAssessment('api:default/missing'),
    ).resolves.toBeUndefined();
  });

  it("reads a server's maintenance schedule and change requests", async () => {
    const maintenance = await service.getMaintenance('api:default/filesystem');
    expect(maintenance.length).toBeGreaterThan(0);
    expect(maintenance[0]).toMatchObject({
      taskId: expect.any(String),
      status: expect.stringMatching(/^(overdue|due-soon|upcoming)$/),
    });
    await expect(service.getChanges('api:default/filesystem')).resolves.toEqual(
      [],
    );
  });
});

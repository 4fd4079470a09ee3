import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { join } from 'node:path';
import request from 'supertest';
import { FIXTURES_DIR, mcpServerEntity } from '../__fixtures__';
import { mcpSecurityPlugin } from '../plugin';

const postmark = (name: string, version: string) =>
  mcpServerEntity({
    name,
    annotations: { 'mcp-security.io/deployment-context': 'development' },
    remotes: [{ type: 'stdio', url: `npx -y postmark-mcp@${version}` }],
  });

describe('advisories through the routes', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        mcpSecurityPlugin,
        catalogServiceMock.factory({
          entities: [
            postmark('mail-bad', '1.0.16'),
            postmark('mail-ok', '1.0.15'),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            mcpSecurity: {
              advisories: {
                sources: [{ path: join(FIXTURES_DIR, 'osv', 'npm') }],
              },
            },
          },
        }),
      ],
    }));
  });

  it('puts the advisory, its reason and the removal first in the assessment', async () => {
    const response = await request(server).get(
      '/api/mcp-security/entities/api/default/mail-bad/assessment',
    );
    expect(response.status).toBe(200);
    expect(response.body.risk.level).toBe('critical');
    expect(response.body.profile.advisories).toEqual([
      expect.objectContaining({
        advisoryId: 'MAL-2025-47604',
        malicious: true,
        certainty: 'affected',
        package: { ecosystem: 'npm', name: 'postmark-mcp', version: '1.0.16' },
      }),
    ]);
    expect(response.body.recommendations[0].controlId).toBe(
      'remove-malicious-package',
    );
  });

  it('tells an agent asking before install that the package is malicious', async () => {
    const response = await request(server)
      .post('/api/mcp-security/advise')
      .send({
        clientConfig: {
          mcpServers: {
            postmark: { command: 'npx', args: ['-y', 'postmark-mcp@1.0.16'] },
          },
        },
        context: { deploymentContext: 'development' },
      });
    expect(response.status).toBe(200);
    expect(response.body.risk.level).toBe('critical');
    expect(response.body.profile.advisories[0].advisoryId).toBe(
      'MAL-2025-47604',
    );
  });

  it('lists who runs the malicious version, with the sources it loaded', async () => {
    // Assessing the clean twin too, so the list can show it is left out.
    await request(server).get(
      '/api/mcp-security/entities/api/default/mail-ok/assessment',
    );
    const response = await request(server).get(
      '/api/mcp-security/advisories?malicious=true',
    );
    expect(response.status).toBe(200);
    expect(response.body.advisories).toEqual([
      expect.objectContaining({
        advisoryId: 'MAL-2025-47604',
        package: { ecosystem: 'npm', name: 'postmark-mcp' },
        servers: [
          {
            entityRef: 'api:default/mail-bad',
            owner: 'group:default/team-a',
            version: '1.0.16',
            certainty: 'affected',
            riskLevel: 'critical',
          },
        ],
      }),
    ]);
    expect(response.body.sources).toEqual([
      expect.objectContaining({ records: 2, skipped: [] }),
    ]);
    const bad = await request(server).get(
      '/api/mcp-security/advisories?malicious=maybe',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('malicious');
  });

  it('requires a caller', async () => {
    const response = await request(server)
      .get('/api/mcp-security/advisories')
      .set('Authorization', mockCredentials.none.header());
    expect(response.status).toBe(401);
  });
});

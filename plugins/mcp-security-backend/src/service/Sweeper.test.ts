import { builtinKnowledge } from '../__testUtils__/knowledge';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseMcpSecurityStore } from '../database/DatabaseMcpSecurityStore';
import { ServerJsonReader } from '../reading/ServerJsonReader';
import { mcpServerEntity } from '../__fixtures__';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { RegistryStatusReader } from '../registry/RegistryStatusReader';
import { AssessmentService } from './AssessmentService';
import { Sweeper } from './Sweeper';
import { ScmIntegrations } from '@backstage/integration';
import { ConfigReader } from '@backstage/config';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../__fixtures__';
import { AdvisoryService } from '../advisories/AdvisoryService';
import { createAdvisoryStore } from '../__testUtils__/advisoryStore';
import { AdvisoryIndex } from '../engine/advisories';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const servers = Array.from({ length: 12 }, (_, i) =>
  mcpServerEntity({
    name: `server-${i}`,
    remotes: [{ type: 'stdio', url: `npx -y pkg-${i}@1.0.${i}` }],
  }),
);
const notAnMcpServer: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'petstore', namespace: 'default' },
  spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a' },
};
// An annotation value the catalog would reject but a custom processor could emit.
const broken = mcpServerEntity({ name: 'broken' });
(broken.metadata.annotations as any)['mcp-security.io/exposure'] = 42;

describe.each(databases.eachSupportedId())('Sweeper on %p', databaseId => {
  async function setUp(
    entities: Entity[],
    advisories: { index(): AdvisoryIndex } = { index: () => new Map() },
  ) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseMcpSecurityStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const catalog = catalogServiceMock({ entities });
    const assessments = new AssessmentService({
      catalog,
      store,
      reader: new ServerJsonReader({
        urlReader: mockServices.urlReader.mock(),
        integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
        maxBytes: 1024,
      }),
      knowledge: await builtinKnowledge(),
      advisories,
      tools: { factsOf: async () => new Map() },
      findings: { openFindings: async () => new Map() },
      registry: new RegistryStatusReader({
        catalog,
        auth: mockServices.auth(),
      }),
      permissions: mockServices.permissions(),
      listeners: [],
      kinds: ['API', 'Component'],
      auditor: mockServices.auditor.mock(),
    });
    const sweeper = new Sweeper({
      auth: mockServices.auth(),
      catalog,
      assessments,
      store,
      logger: mockServices.logger.mock(),
      kinds: ['API', 'Component'],
    });
    return { sweeper, store, knex };
  }

  it('assesses every MCP server once, then skips the unchanged ones', async () => {
    const { sweeper, store, knex } = await setUp([...servers, notAnMcpServer]);

    await expect(sweeper.run()).resolves.toEqual({
      servers: 12,
      assessed: 12,
      failed: 0,
    });
    await expect(sweeper.run()).resolves.toEqual({
      servers: 12,
      assessed: 0,
      failed: 0,
    });

    const latest = await store.getLatestAssessments(
      servers.map(s => `api:default/${s.metadata.name}`),
    );
    expect(latest.size).toBe(12);
    const runs = await knex('sweep_runs').orderBy('id');
    expect(runs.map(r => [r.servers, r.assessed, r.failed])).toEqual([
      [12, 12, 0],
      [12, 0, 0],
    ]);
    expect(runs.every(r => r.finished_at !== null)).toBe(true);
  });

  it('counts a server it cannot assess as failed and still assesses the others', async () => {
    const { sweeper } = await setUp([broken, ...servers.slice(0, 3)]);
    await expect(sweeper.run()).resolves.toEqual({
      servers: 4,
      assessed: 3,
      failed: 1,
    });
  });
  it('re-assesses exactly the servers a new advisory file matches', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'osv-'));
    const advisories = new AdvisoryService({
      sources: [{ path: folder }],
      store: await createAdvisoryStore(await databases.init(databaseId)),
      urlReader: mockServices.urlReader.mock(),
      logger: mockServices.logger.mock(),
      maxBytes: 1024 * 1024,
      timeoutMs: 5000,
    });
    const postmark = ['1.0.15', '1.0.16', '1.0.17'].map(version =>
      mcpServerEntity({
        name: `postmark-${version.replace(/\./g, '-')}`,
        remotes: [{ type: 'stdio', url: `npx -y postmark-mcp@${version}` }],
      }),
    );
    try {
      await advisories.load();
      const { sweeper, store } = await setUp(
        [...servers, ...postmark],
        advisories,
      );
      await expect(sweeper.run()).resolves.toMatchObject({
        servers: 15,
        assessed: 15,
      });

      copyFileSync(
        join(FIXTURES_DIR, 'osv', 'npm', 'MAL-2025-47604.json'),
        join(folder, 'MAL-2025-47604.json'),
      );
      await advisories.load();
      // 1.0.16 and 1.0.17 are in the malicious range; 1.0.15 and the others are not.
      await expect(sweeper.run()).resolves.toMatchObject({
        servers: 15,
        assessed: 2,
      });
      await expect(sweeper.run()).resolves.toMatchObject({ assessed: 0 });

      const latest = await store.getLatestAssessments(
        postmark.map(e => `api:default/${e.metadata.name}`),
      );
      expect(
        [...latest.values()]
          .map(a => [
            a.profile.name,
            a.profile.advisories?.map(m => m.advisoryId) ?? [],
            a.risk.level,
          ])
          .sort(),
      ).toEqual([
        ['postmark-1-0-15', [], expect.any(String)],
        ['postmark-1-0-16', ['MAL-2025-47604'], 'critical'],
        ['postmark-1-0-17', ['MAL-2025-47604'], 'critical'],
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

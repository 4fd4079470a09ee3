import { Knowledge } from '../knowledge/loadKnowledge';
import { builtinKnowledge } from '../__testUtils__/knowledge';
import { mockServices } from '@backstage/backend-test-utils';
import { Assessment } from '@mcp-server-operator/plugin-mcp-security-common';
import { assess } from '../engine/assess';
import { deriveProfile } from '../profile/deriveProfile';
import { fixtureSource, mcpServerEntity } from '../__fixtures__';
import { DatabaseMcpSecurityStore } from './DatabaseMcpSecurityStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await builtinKnowledge();
});

function assessmentOf(entityRef: string, at: string): Assessment {
  return assess(
    deriveProfile(mcpServerEntity(), fixtureSource('filesystem')),
    knowledge,
    {
      entityRef,
      now: new Date(at),
    },
  );
}

describe.each(databases.eachSupportedId())(
  'DatabaseMcpSecurityStore on %p',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      return DatabaseMcpSecurityStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
    }

    it('returns the newest assessment per server', async () => {
      const store = await createStore();
      await store.insertAssessments([
        assessmentOf('api:default/a', '2026-11-01T00:00:00Z'),
        assessmentOf('api:default/b', '2026-11-01T00:00:00Z'),
      ]);
      await store.insertAssessments([
        assessmentOf('api:default/a', '2026-11-02T00:00:00Z'),
      ]);

      const latest = await store.getLatestAssessments([
        'api:default/a',
        'api:default/b',
        'api:default/c',
      ]);
      expect([...latest.keys()].sort()).toEqual([
        'api:default/a',
        'api:default/b',
      ]);
      expect(latest.get('api:default/a')!.assessedAt).toBe(
        '2026-11-02T00:00:00.000Z',
      );
      expect(latest.get('api:default/b')).toEqual(
        assessmentOf('api:default/b', '2026-11-01T00:00:00Z'),
      );
    });

    it('returns the fingerprint of the newest assessment without loading it', async () => {
      const store = await createStore();
      const older = assessmentOf('api:default/a', '2026-11-01T00:00:00Z');
      const newer = {
        ...older,
        profileHash: 'b'.repeat(64),
        assessedAt: '2026-11-02T00:00:00.000Z',
      };
      await store.insertAssessments([older]);
      await store.insertAssessments([newer]);
      await expect(
        store.getLatestFingerprints(['api:default/a', 'api:default/x']),
      ).resolves.toEqual(
        new Map([
          [
            'api:default/a',
            {
              profileHash: 'b'.repeat(64),
              knowledgeVersion: older.knowledgeVersion,
              engineVersion: older.engineVersion,
            },
          ],
        ]),
      );
    });

    it('reads and writes more servers than one batch holds', async () => {
      const store = await createStore();
      // One assessment under many names: the batches are under test, not the engine.
      const one = assessmentOf('api:default/s0', '2026-11-01T00:00:00Z');
      const many = Array.from({ length: 1203 }, (_, i) => ({
        ...one,
        entityRef: `api:default/s${i}`,
      }));
      await store.insertAssessments(many);
      const latest = await store.getLatestAssessments(
        many.map(a => a.entityRef!),
      );
      expect(latest.size).toBe(1203);
    });
  },
);

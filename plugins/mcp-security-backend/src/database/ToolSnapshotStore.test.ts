import { mockServices } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StoredToolSnapshot, ToolSnapshotStore } from './ToolSnapshotStore';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@mcp-server-operator/plugin-mcp-security-backend',
  'migrations',
);
const databases = createTestDatabases();

const snapshot = (
  id: string,
  entityRef: string,
  hash: string,
): StoredToolSnapshot => ({
  id,
  entityRef,
  hash: hash.repeat(64),
  tools: [{ name: `tool-${id}`, inputSchema: { type: 'object' } }],
  importedBy: 'user:default/alice',
  importedAt: '2026-12-05T08:00:00.000Z',
});

describe.each(databases.eachSupportedId())('ToolSnapshotStore on %p', id => {
  async function store() {
    const knex = await databases.init(id);
    await knex.migrate.latest({ directory });
    const database = mockServices.database.mock({
      getClient: async () => knex,
    });
    return { knex, store: await ToolSnapshotStore.create({ database }) };
  }

  it('keeps the first snapshot as baseline and the latest per server, until a change sets a new baseline', async () => {
    const { knex, store: tools } = await store();
    await tools.insertFirst(snapshot('a1', 'api:default/a', 'a'));
    await tools.insertFirst(snapshot('b1', 'api:default/b', 'b'));
    await tools.insert({
      ...snapshot('a2', 'api:default/a', 'c'),
      changeId: 'ch-1',
    });
    await expect(
      tools.insertFirst(snapshot('a3', 'api:default/a', 'd')),
    ).rejects.toThrow('imported at the same time');

    const states = await tools.states([
      'api:default/a',
      'api:default/b',
      'api:default/none',
    ]);
    expect([...states.keys()].sort()).toEqual([
      'api:default/a',
      'api:default/b',
    ]);
    expect(states.get('api:default/a')).toMatchObject({
      baseline: { id: 'a1', hash: 'a'.repeat(64) },
      latest: { id: 'a2', changeId: 'ch-1', tools: [{ name: 'tool-a2' }] },
    });
    expect(states.get('api:default/b')).toMatchObject({
      baseline: { id: 'b1' },
      latest: { id: 'b1', importedAt: '2026-12-05T08:00:00.000Z' },
    });

    const reviewed = await tools.forChange('ch-1');
    expect(reviewed?.id).toBe('a2');
    await tools.setBaseline(
      reviewed!,
      'ch-1',
      new Date('2026-12-05T09:00:00Z'),
    );
    expect(
      (await tools.states(['api:default/a'])).get('api:default/a'),
    ).toMatchObject({
      baseline: { id: 'a2' },
      latest: { id: 'a2' },
    });

    await knex.migrate.down({ directory });
    await expect(knex.schema.hasTable('tool_snapshots')).resolves.toBe(false);
    await expect(knex.schema.hasTable('tool_baselines')).resolves.toBe(false);
    await knex.destroy();
  });
});

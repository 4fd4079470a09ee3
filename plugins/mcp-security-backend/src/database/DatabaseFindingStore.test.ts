import { mockServices } from '@backstage/backend-test-utils';
import { ImportedFinding } from '@mcp-server-operator/plugin-mcp-security-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseFindingStore } from './DatabaseFindingStore';
import { DatabaseMcpSecurityStore } from './DatabaseMcpSecurityStore';

const databases = createTestDatabases();
const SERVER = 'api:default/fs';
const day = (d: number) => new Date(Date.UTC(2026, 11, d));

const finding = (
  fingerprint: string,
  overrides: Partial<ImportedFinding> = {},
): ImportedFinding => ({
  sourceTool: 'cisco-mcp-scanner',
  ruleId: 'yara_analyzer',
  severity: 'high',
  title: 'Prompt injection',
  message: 'Detected 1 threat: prompt injection',
  toolName: 'add',
  fingerprint,
  ...overrides,
});

describe.each(databases.eachSupportedId())(
  'DatabaseFindingStore on %p',
  databaseId => {
    let store: DatabaseFindingStore;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      await DatabaseMcpSecurityStore.create({ database });
      store = await DatabaseFindingStore.create({ database });
    });

    it('adds, sees again and resolves findings per source tool', async () => {
      const tools = ['cisco-mcp-scanner'];
      await expect(
        store.recordImport(SERVER, tools, [finding('a'), finding('b')], day(1)),
      ).resolves.toEqual({ new: 2, stillOpen: 0, resolved: 0 });

      // The same report again: nothing new, first seen kept.
      await expect(
        store.recordImport(SERVER, tools, [finding('a'), finding('b')], day(2)),
      ).resolves.toEqual({ new: 0, stillOpen: 2, resolved: 0 });
      const [a] = (await store.openFindings([SERVER])).get(SERVER)!;
      expect(a).toMatchObject({
        fingerprint: 'a',
        firstSeen: day(1).toISOString(),
        lastSeen: day(2).toISOString(),
      });

      // Another tool's import leaves these alone.
      await expect(
        store.recordImport(
          SERVER,
          ['Semgrep OSS'],
          [finding('x', { sourceTool: 'Semgrep OSS' })],
          day(3),
        ),
      ).resolves.toEqual({ new: 1, stillOpen: 0, resolved: 0 });

      // `b` is gone from the next report of its tool: resolved, not open.
      await expect(
        store.recordImport(SERVER, tools, [finding('a')], day(4)),
      ).resolves.toEqual({ new: 0, stillOpen: 1, resolved: 1 });
      const open = (await store.openFindings([SERVER, 'api:default/other']))
        .get(SERVER)!
        .map(f => `${f.sourceTool}/${f.fingerprint}`);
      expect(open).toEqual(['Semgrep OSS/x', 'cisco-mcp-scanner/a']);

      // A resolved finding reported again is open again, and counts as new.
      await expect(
        store.recordImport(SERVER, tools, [finding('a'), finding('b')], day(5)),
      ).resolves.toEqual({ new: 1, stillOpen: 1, resolved: 0 });
      // A clean scan resolves all of the tool's findings.
      await expect(
        store.recordImport(SERVER, tools, [], day(6)),
      ).resolves.toEqual({ new: 0, stillOpen: 0, resolved: 2 });
      expect(
        (await store.openFindings([SERVER]))
          .get(SERVER)!
          .map(f => f.fingerprint),
      ).toEqual(['x']);
    });
  },
);

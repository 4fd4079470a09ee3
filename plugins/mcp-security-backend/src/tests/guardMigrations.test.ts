import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const directory = resolvePackagePath(
  '@mcp-server-operator/plugin-mcp-security-backend',
  'migrations',
);
const DECISION_VERSIONS = '20261205000000_recommendation_decision_versions.js';

/** Runs the migrations before `name`, so the test starts where it applies. */
async function migrateUpTo(knex: Knex, name: string) {
  for (;;) {
    const [, pending]: [unknown, { file: string }[]] = await knex.migrate.list({
      directory,
    });
    if (pending[0]?.file === name) return;
    await knex.migrate.up({ directory });
  }
}

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'the concurrency guard migrations on %p',
  databaseId => {
    it('add and remove the decision version and the completion key, keeping data', async () => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, DECISION_VERSIONS);
      const decision = {
        entity_ref: 'api:default/fs',
        control_id: 'pin-version',
        status: 'accepted',
        decided_by: 'user:default/alice',
        decided_at: new Date('2026-12-01T00:00:00Z'),
      };
      await knex('recommendation_decisions').insert(decision);

      // 20261205000000_recommendation_decision_versions
      await knex.migrate.up({ directory });
      await expect(
        knex('recommendation_decisions').select('control_id', 'version'),
      ).resolves.toEqual([{ control_id: 'pin-version', version: 1 }]);

      // 20261205000100_maintenance_completion_keys
      await knex.migrate.up({ directory });
      const completion = {
        entity_ref: 'api:default/fs',
        task_id: 'review-logs',
        outcome: 'done',
        evidence: 'Reviewed',
        cadence: 'weekly',
        completed_by: 'user:default/alice',
        completed_at: new Date('2026-12-01T00:00:00Z'),
      };
      await knex('maintenance_completions').insert([
        { ...completion, idempotency_key: 'k-1' },
        completion,
        completion,
      ]);
      // A key is recorded once per task; completions without one are not limited.
      await expect(
        Promise.resolve(
          knex('maintenance_completions').insert({
            ...completion,
            idempotency_key: 'k-1',
          }),
        ),
      ).rejects.toHaveProperty(
        'message',
        expect.stringMatching(/UNIQUE constraint failed|duplicate key value/),
      );

      await knex.migrate.down({ directory });
      await expect(
        knex.schema.hasColumn('maintenance_completions', 'idempotency_key'),
      ).resolves.toBe(false);
      const [{ n }] = await knex('maintenance_completions').count({ n: '*' });
      expect(Number(n)).toBe(3);

      await knex.migrate.down({ directory });
      await expect(
        knex.schema.hasColumn('recommendation_decisions', 'version'),
      ).resolves.toBe(false);
      await expect(
        knex('recommendation_decisions').select('control_id'),
      ).resolves.toEqual([{ control_id: 'pin-version' }]);
      await knex.destroy();
    });
  },
);

const IMPORTED_FINDINGS = '20261205000300_imported_findings.js';

describe.each(databases.eachSupportedId())(
  'the imported findings migration on %p',
  databaseId => {
    it('adds a table keyed by server, tool and fingerprint, and removes it', async () => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, IMPORTED_FINDINGS);
      await knex.migrate.up({ directory });
      const row = {
        entity_ref: 'api:default/fs',
        source_tool: 'cisco-mcp-scanner',
        fingerprint: 'f1',
        severity: 'high',
        finding: '{}',
        first_seen: new Date('2026-12-05T00:00:00Z'),
        last_seen: new Date('2026-12-05T00:00:00Z'),
      };
      await knex('imported_findings').insert([
        row,
        { ...row, source_tool: 'Semgrep OSS' },
      ]);
      await expect(
        Promise.resolve(knex('imported_findings').insert(row)),
      ).rejects.toHaveProperty(
        'message',
        expect.stringMatching(/UNIQUE constraint failed|duplicate key value/),
      );

      await knex.migrate.down({ directory });
      await expect(knex.schema.hasTable('imported_findings')).resolves.toBe(
        false,
      );
      await knex.destroy();
    });
  },
);

import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@mcp-server-operator/plugin-mcp-security-backend',
  'migrations',
);

async function migrateUpOnce(knex: Knex) {
  await knex.migrate.up({ directory: migrationsDir });
}

async function migrateDownOnce(knex: Knex) {
  await knex.migrate.down({ directory: migrationsDir });
}

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('steps up and down one migration at a time, keeping data', async () => {
    const knex = await databases.init(databaseId);

    // 20261121000000_init
    await migrateUpOnce(knex);
    await knex('assessments').insert({
      entity_ref: 'api:default/fs',
      profile_hash: 'a'.repeat(64),
      knowledge_version: 'k1',
      engine_version: 'e1',
      trust_tier: 'trusted',
      trust_score: 90,
      risk_level: 'high',
      risk_score: 55,
      assessment: '{"risk":{"level":"high"}}',
      assessed_at: new Date('2026-11-21T00:00:00Z'),
    });
    const [row] = await knex('assessments').select();
    expect(row).toMatchObject({
      entity_ref: 'api:default/fs',
      risk_level: 'high',
      risk_score: 55,
      assessment: '{"risk":{"level":"high"}}',
    });
    expect(new Date(row.assessed_at).toISOString()).toBe(
      '2026-11-21T00:00:00.000Z',
    );

    // 20261121000100_sweep_runs
    await migrateUpOnce(knex);
    await expect(knex('assessments').select()).resolves.toEqual([row]);
    await knex('sweep_runs').insert({
      started_at: new Date('2026-11-21T01:00:00Z'),
    });
    await expect(knex('sweep_runs').count({ n: '*' })).resolves.toEqual([
      { n: expect.anything() },
    ]);

    // 20261121000200_recommendation_decisions
    await migrateUpOnce(knex);
    const decision = {
      entity_ref: 'api:default/fs',
      control_id: 'run-in-hardened-container',
      status: 'dismissed',
      note: 'Runs in a VM',
      decided_by: 'user:default/alice',
      decided_at: new Date('2026-11-21T02:00:00Z'),
    };
    await knex('recommendation_decisions').insert(decision);
    await knex('recommendation_events').insert(decision);
    await expect(knex('assessments').select()).resolves.toEqual([row]);
    // One current decision per server and control: the key refuses a second.
    // The native drivers' errors are not always Error instances of jest's
    // realm, so match the message rather than use toThrow.
    await expect(
      Promise.resolve(knex('recommendation_decisions').insert(decision)),
    ).rejects.toHaveProperty(
      'message',
      expect.stringMatching(/UNIQUE constraint failed|duplicate key value/),
    );

    // 20261121000300_maintenance
    await migrateUpOnce(knex);
    await knex('maintenance_tasks').insert({
      entity_ref: 'api:default/fs',
      task_id: 'review-security-logs',
      cadence: 'weekly',
      owner_ref: 'group:default/team-a',
      active: true,
      first_applied_at: new Date('2026-11-01T00:00:00Z'),
      next_due_at: new Date('2026-11-08T00:00:00Z'),
    });
    await knex('maintenance_completions').insert({
      entity_ref: 'api:default/fs',
      task_id: 'review-security-logs',
      outcome: 'done',
      evidence: 'Reviewed',
      cadence: 'weekly',
      completed_by: 'user:default/alice',
      completed_at: new Date('2026-11-07T00:00:00Z'),
    });
    const [scheduled] = await knex('maintenance_tasks').select();
    expect(Boolean(scheduled.active)).toBe(true);
    expect(new Date(scheduled.next_due_at).toISOString()).toBe(
      '2026-11-08T00:00:00.000Z',
    );
    await expect(
      knex('recommendation_decisions').select(),
    ).resolves.toHaveLength(1);

    // 20261121000400_changes
    await migrateUpOnce(knex);
    await knex('changes').insert({
      id: 'c1',
      entity_ref: 'api:default/fs',
      change_type: 'code-deployment',
      title: 'Upgrade',
      description: 'To 0.7.0',
      rollback_plan: 'Redeploy 0.6.3',
      emergency: false,
      risk_level: 'high',
      required_approvals: 2,
      required_groups: '["group:default/security-team"]',
      state: 'submitted',
      version: 2,
      requested_by: 'user:default/alice',
      created_at: new Date('2026-11-21T03:00:00Z'),
      updated_at: new Date('2026-11-21T03:00:00Z'),
    });
    await knex('change_events').insert({
      change_id: 'c1',
      transition: 'submit',
      from_state: 'draft',
      to_state: 'submitted',
      actor: 'user:default/alice',
      at: new Date('2026-11-21T03:00:00Z'),
    });
    await expect(knex('maintenance_tasks').select()).resolves.toHaveLength(1);
    await migrateDownOnce(knex);
    for (const table of ['changes', 'change_votes', 'change_events']) {
      await expect(knex.schema.hasTable(table)).resolves.toBe(false);
    }
    await expect(knex('maintenance_tasks').select()).resolves.toHaveLength(1);

    await migrateDownOnce(knex);
    await expect(knex.schema.hasTable('maintenance_tasks')).resolves.toBe(
      false,
    );
    await expect(knex.schema.hasTable('maintenance_completions')).resolves.toBe(
      false,
    );
    await expect(
      knex('recommendation_decisions').select(),
    ).resolves.toHaveLength(1);

    await migrateDownOnce(knex);
    await expect(
      knex.schema.hasTable('recommendation_decisions'),
    ).resolves.toBe(false);
    await expect(knex.schema.hasTable('recommendation_events')).resolves.toBe(
      false,
    );
    await expect(knex('sweep_runs').count({ n: '*' })).resolves.toEqual([
      { n: expect.anything() },
    ]);

    await migrateDownOnce(knex);
    await expect(knex.schema.hasTable('sweep_runs')).resolves.toBe(false);
    await expect(knex('assessments').select()).resolves.toEqual([row]);

    await migrateDownOnce(knex);
    await expect(knex.schema.hasTable('assessments')).resolves.toBe(false);
    await knex.destroy();
  });
});

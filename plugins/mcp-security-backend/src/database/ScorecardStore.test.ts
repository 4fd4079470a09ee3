import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseMcpSecurityStore } from './DatabaseMcpSecurityStore';
import { ScorecardStore, ServerSummary } from './ScorecardStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const now = new Date('2026-11-21T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);

const summary = (
  ref: string,
  overrides: Partial<ServerSummary>,
): ServerSummary => ({
  entityRef: `api:default/${ref}`,
  ownerRef: 'group:default/team-a',
  systemRef: 'system:default/tools',
  riskLevel: 'low',
  riskScore: 20,
  trustTier: 'trusted',
  checkedAt: hoursAgo(1),
  openP1: 0,
  openP2: 0,
  maliciousPackages: 0,
  knownVulnerabilities: 0,
  ...overrides,
});

describe.each(databases.eachSupportedId())(
  'ScorecardStore on %p',
  databaseId => {
    it('aggregates each group’s figures as hand-counted', async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      await DatabaseMcpSecurityStore.create({ database });
      const store = await ScorecardStore.create({ database });

      await store.saveSummaries([
        summary('a', {
          riskLevel: 'critical',
          riskScore: 80,
          trustTier: 'unknown',
          openP1: 3,
          openP2: 1,
          maliciousPackages: 1,
          knownVulnerabilities: 2,
        }),
        summary('b', {
          riskLevel: 'high',
          riskScore: 55,
          openP1: 1,
          checkedAt: hoursAgo(30),
          knownVulnerabilities: 1,
        }),
        summary('c', { riskLevel: 'low', openP2: 2 }),
        summary('d', {
          ownerRef: 'group:default/team-b',
          systemRef: undefined,
          riskLevel: 'medium',
          trustTier: 'community',
        }),
      ]);
      await knex('maintenance_tasks').insert([
        {
          entity_ref: 'api:default/a',
          task_id: 't1',
          cadence: 'weekly',
          active: true,
          first_applied_at: hoursAgo(500),
          next_due_at: hoursAgo(2),
        },
        {
          entity_ref: 'api:default/b',
          task_id: 't1',
          cadence: 'weekly',
          active: true,
          first_applied_at: hoursAgo(500),
          next_due_at: hoursAgo(2),
        },
        {
          entity_ref: 'api:default/c',
          task_id: 't1',
          cadence: 'weekly',
          active: true,
          first_applied_at: hoursAgo(5),
          next_due_at: hoursAgo(-100),
        },
        {
          entity_ref: 'api:default/c',
          task_id: 't2',
          cadence: 'weekly',
          active: false,
          first_applied_at: hoursAgo(500),
          next_due_at: hoursAgo(2),
        },
      ]);
      const change = (
        id: string,
        ref: string,
        state: string,
        updated: Date,
        extra = {},
      ) => ({
        id,
        entity_ref: `api:default/${ref}`,
        change_type: 'code-deployment',
        title: id,
        description: 'd',
        rollback_plan: 'r',
        emergency: false,
        risk_level: 'high',
        required_approvals: 1,
        required_groups: '[]',
        state,
        version: 1,
        requested_by: 'user:default/alice',
        created_at: updated,
        updated_at: updated,
        ...extra,
      });
      await knex('changes').insert([
        change('c1', 'a', 'submitted', hoursAgo(24 * 10)),
        change('c2', 'b', 'submitted', hoursAgo(1)),
        change('c3', 'c', 'implemented', hoursAgo(1), {
          emergency: true,
          review_due_at: hoursAgo(-10),
        }),
        change('c4', 'c', 'implemented', hoursAgo(1), {
          emergency: true,
          review_due_at: hoursAgo(5),
          reviewed_at: hoursAgo(4),
        }),
      ]);
      await knex('recommendation_decisions').insert([
        {
          entity_ref: 'api:default/a',
          control_id: 'x',
          status: 'implemented',
          decided_by: 'u',
          decided_at: now,
          remediation_ms: 10 * 3600_000,
        },
        {
          entity_ref: 'api:default/b',
          control_id: 'x',
          status: 'implemented',
          decided_by: 'u',
          decided_at: now,
          remediation_ms: 20 * 3600_000,
        },
        {
          entity_ref: 'api:default/c',
          control_id: 'x',
          status: 'dismissed',
          decided_by: 'u',
          decided_at: now,
          note: 'n',
        },
      ]);

      const windows = {
        now,
        coveredSince: hoursAgo(24),
        staleBefore: hoursAgo(24 * 7),
      };
      await expect(store.serversWithAdvisories()).resolves.toEqual([
        'api:default/a',
        'api:default/b',
      ]);
      const byOwner = await store.figures('owner', windows);
      expect(byOwner).toEqual([
        {
          groupRef: 'group:default/team-a',
          servers: 3,
          risk: { low: 1, medium: 0, high: 1, critical: 1 },
          trust: { trusted: 2, community: 0, unknown: 1 },
          covered: 2,
          coverage: 2 / 3,
          openP1: 4,
          openP2: 3,
          meanTimeToRemediateHours: 15,
          overdueMaintenance: 2,
          pendingApprovals: 2,
          staleApprovals: 1,
          emergencyWithoutReview: 1,
          maliciousServers: 1,
          vulnerableServers: 2,
        },
        {
          groupRef: 'group:default/team-b',
          servers: 1,
          risk: { low: 0, medium: 1, high: 0, critical: 0 },
          trust: { trusted: 0, community: 1, unknown: 0 },
          covered: 1,
          coverage: 1,
          openP1: 0,
          openP2: 0,
          overdueMaintenance: 0,
          pendingApprovals: 0,
          staleApprovals: 0,
          emergencyWithoutReview: 0,
          maliciousServers: 0,
          vulnerableServers: 0,
        },
      ]);
      const bySystem = await store.figures('system', windows);
      expect(bySystem.map(r => [r.groupRef, r.servers])).toEqual([
        ['system:default/tools', 3],
      ]);
      const one = await store.figures('owner', {
        ...windows,
        groupRef: 'group:default/team-b',
      });
      expect(one.map(r => r.groupRef)).toEqual(['group:default/team-b']);

      // A touch moves b back into coverage.
      await store.touch(['api:default/b'], now);
      const [teamA] = await store.figures('owner', windows);
      expect(teamA.covered).toBe(3);

      await expect(
        store.servers('owner', 'group:default/team-a'),
      ).resolves.toEqual([
        expect.objectContaining({ entityRef: 'api:default/a', riskScore: 80 }),
        expect.objectContaining({ entityRef: 'api:default/b', riskScore: 55 }),
        expect.objectContaining({ entityRef: 'api:default/c', riskScore: 20 }),
      ]);
    });

    it('keeps one snapshot per group and day, and returns the trend in order', async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      await DatabaseMcpSecurityStore.create({ database });
      const store = await ScorecardStore.create({ database });
      const row = (servers: number) =>
        ({ groupRef: 'group:default/team-a', servers } as any);
      await store.saveSnapshot('2026-11-19', 'owner', [row(3)]);
      await store.saveSnapshot('2026-11-20', 'owner', [row(4)]);
      await store.saveSnapshot('2026-11-20', 'owner', [row(5)]);
      await expect(
        store.trend('owner', 'group:default/team-a', '2026-11-01'),
      ).resolves.toEqual([
        { day: '2026-11-19', figures: row(3) },
        { day: '2026-11-20', figures: row(5) },
      ]);
    });
  },
);

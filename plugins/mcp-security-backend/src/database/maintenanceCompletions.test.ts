import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseMcpSecurityStore } from './DatabaseMcpSecurityStore';

const databases = createTestDatabases();
const entityRef = 'api:default/fs';
const at = '2026-12-05T08:00:00.000Z';

const completion = (taskId: string, user: number) => ({
  entityRef,
  taskId,
  outcome: 'done' as const,
  evidence: 'Reviewed',
  cadence: 'weekly' as const,
  completedBy: `user:default/u${user}`,
  completedAt: at,
});

describe.each(databases.eachSupportedId())(
  'maintenance completions on %p',
  databaseId => {
    let store: DatabaseMcpSecurityStore;
    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      store = await DatabaseMcpSecurityStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      await store.saveScheduledTasks(
        ['review-logs', 'rotate-keys'].map(taskId => ({
          entityRef,
          taskId,
          cadence: 'weekly',
          active: true,
          firstAppliedAt: new Date('2026-11-01T00:00:00Z'),
          nextDueAt: new Date('2026-11-08T00:00:00Z'),
        })),
      );
    });

    it('records one of twenty concurrent completions of a cycle, refusing the rest', async () => {
      const since = new Date('2026-12-05T07:00:00Z');
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          store.recordCompletion(
            completion('review-logs', i),
            new Date('2026-12-12T08:00:00Z'),
            { notCompletedSince: since },
          ),
        ),
      );
      expect(results.filter(r => r.status === 'fulfilled')).toEqual([
        { status: 'fulfilled', value: 'recorded' },
      ]);
      for (const r of results.filter(x => x.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(
          ConflictError,
        );
      }
      await expect(
        store.getCompletions(entityRef, { taskId: 'review-logs', limit: 50 }),
      ).resolves.toHaveLength(1);
    });

    it('records a key once, and answers its concurrent retries as replayed', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.recordCompletion(
            completion('rotate-keys', i),
            new Date('2026-12-12T08:00:00Z'),
            { idempotencyKey: 'k-1' },
          ),
        ),
      );
      expect(results.sort()).toEqual([
        'recorded',
        ...Array(9).fill('replayed'),
      ]);
      await expect(
        store.hasCompletion(entityRef, 'rotate-keys', 'k-1'),
      ).resolves.toBe(true);
      await expect(
        store.getCompletions(entityRef, { taskId: 'rotate-keys', limit: 50 }),
      ).resolves.toHaveLength(1);
    });
  },
);

import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseMcpSecurityStore } from './DatabaseMcpSecurityStore';

const databases = createTestDatabases();
const ref = 'api:default/fs';

const decisionBy = (user: number, status: 'accepted' | 'implemented') => ({
  controlId: 'pin-version',
  status,
  decidedBy: `user:default/u${user}`,
  decidedAt: '2026-12-05T08:00:00.000Z',
});

describe.each(databases.eachSupportedId())(
  'recommendation decisions on %p',
  databaseId => {
    let store: DatabaseMcpSecurityStore;
    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      store = await DatabaseMcpSecurityStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
    });

    it('lets exactly one of twenty concurrent decisions on the same version through', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          store.recordDecision(ref, decisionBy(i, 'accepted'), 0),
        ),
      );
      const applied = results.filter(r => r.status === 'fulfilled');
      expect(applied).toHaveLength(1);
      for (const r of results.filter(x => x.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(
          ConflictError,
        );
      }
      const [current] = await store.getDecisions(ref);
      expect(current).toEqual(
        (applied[0] as PromiseFulfilledResult<unknown>).value,
      );
      expect(current.version).toBe(1);

      const again = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          store.recordDecision(ref, decisionBy(i, 'implemented'), 1),
        ),
      );
      expect(again.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      expect(await store.getDecisions(ref)).toEqual([
        expect.objectContaining({ status: 'implemented', version: 2 }),
      ]);
    });

    it('refuses a decision that names a stale version', async () => {
      await expect(
        store.recordDecision(ref, decisionBy(1, 'accepted'), 1),
      ).rejects.toThrow(
        `The decision on pin-version for ${ref} was changed by someone else (version 1 is stale); reload it and try again`,
      );
    });
  },
);

import { mockServices } from '@backstage/backend-test-utils';
import { DatabaseMcpSecurityStore } from '../database/DatabaseMcpSecurityStore';
import { ScheduledTask } from '../database/McpSecurityStore';
import { builtinKnowledge } from '../__testUtils__/knowledge';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { Housekeeper } from './Housekeeper';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const task = (overrides: Partial<ScheduledTask>): ScheduledTask => ({
  entityRef: 'api:default/fs',
  taskId: 'review-security-logs',
  cadence: 'weekly',
  ownerRef: 'group:default/team-a',
  active: true,
  firstAppliedAt: new Date('2026-11-01T00:00:00.000Z'),
  nextDueAt: new Date('2026-11-08T00:00:00.000Z'),
  ...overrides,
});

describe.each(databases.eachSupportedId())('Housekeeper on %p', databaseId => {
  async function setUp(send: jest.Mock) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseMcpSecurityStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const logger = mockServices.logger.mock();
    let now = new Date('2026-11-21T10:00:00.000Z');
    const housekeeper = new Housekeeper({
      store,
      knowledge: await builtinKnowledge(),
      notifications: { send },
      scorecards: { snapshot: async () => {} },
      logger,
      now: () => now,
    });
    return { store, housekeeper, logger, setNow: (d: Date) => (now = d) };
  }

  it('notifies the owning group once per overdue cycle', async () => {
    const send = jest.fn();
    const { store, housekeeper, setNow } = await setUp(send);
    await store.saveScheduledTasks([
      task({}),
      task({ taskId: 'review-agent-access' }),
      task({
        entityRef: 'api:default/other',
        nextDueAt: new Date('2026-12-01T00:00:00.000Z'),
      }),
      task({ entityRef: 'api:default/retired', active: false }),
    ]);

    await expect(housekeeper.run()).resolves.toEqual({ notified: 2 });
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: 'group:default/team-a' },
      payload: expect.objectContaining({
        title: '2 maintenance tasks overdue on api:default/fs',
        link: '/catalog/default/api/fs/mcp-security',
        severity: 'high',
        topic: 'mcp-security-maintenance',
      }),
    });

    await expect(housekeeper.run()).resolves.toEqual({ notified: 0 });
    expect(send).toHaveBeenCalledTimes(1);

    // Completing starts a new cycle; when that one lapses, it notifies again.
    await store.recordCompletion(
      {
        entityRef: 'api:default/fs',
        taskId: 'review-security-logs',
        outcome: 'done',
        evidence: 'x',
        cadence: 'weekly',
        completedBy: 'user:default/alice',
        completedAt: '2026-11-21T11:00:00.000Z',
      },
      new Date('2026-11-28T11:00:00.000Z'),
    );
    setNow(new Date('2026-11-29T00:00:00.000Z'));
    await expect(housekeeper.run()).resolves.toEqual({ notified: 1 });
  });

  it('logs and carries on when notifications are not installed, without notifying twice later', async () => {
    const send = jest
      .fn()
      .mockRejectedValue(new Error('notifications backend not found'));
    const { store, housekeeper, logger } = await setUp(send);
    await store.saveScheduledTasks([task({})]);
    await expect(housekeeper.run()).resolves.toEqual({ notified: 0 });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not notify group:default/team-a about overdue maintenance on api:default/fs',
      ),
    );
    await housekeeper.run();
    expect(send).toHaveBeenCalledTimes(1);
  });
});

import { mockServices } from '@backstage/backend-test-utils';
import { ChangeRequest } from '@mcp-server-operator/plugin-mcp-security-common';
import { applyTransition } from '../engine/changes';
import { builtinKnowledge } from '../__testUtils__/knowledge';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ChangeStore } from './ChangeStore';
import { DatabaseMcpSecurityStore } from './DatabaseMcpSecurityStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const now = new Date('2026-11-21T10:00:00.000Z');

const change: ChangeRequest = {
  id: '6f1c1a52-7c61-4a0e-9f0e-3d2f4b1a0001',
  entityRef: 'api:default/fs',
  changeType: 'code-deployment',
  title: 'Upgrade',
  description: 'To 0.7.0',
  rollbackPlan: 'Redeploy 0.6.3',
  plannedStart: '2026-11-25T08:00:00.000Z',
  emergency: false,
  riskLevel: 'medium',
  requirements: { approvals: 1, requiredGroups: [] },
  state: 'draft',
  version: 1,
  requestedBy: 'user:default/alice',
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  votes: [],
  events: [
    {
      transition: 'create',
      to: 'draft',
      actor: 'user:default/alice',
      at: now.toISOString(),
    },
  ],
};

describe.each(databases.eachSupportedId())('ChangeStore on %p', databaseId => {
  async function createStore() {
    const database = mockServices.database({
      knex: await databases.init(databaseId),
      migrations: { skip: false },
    });
    await DatabaseMcpSecurityStore.create({ database });
    return ChangeStore.create({ database });
  }

  it('stores a change with its events and votes as they were computed', async () => {
    const store = await createStore();
    const { approvalPolicy: policy } = await builtinKnowledge();
    await store.create(change);
    const submitted = applyTransition(change, 'submit', {
      actor: { userRef: 'user:default/alice', groups: [] },
      now,
      policy,
    });
    await store.saveTransition(change, submitted);
    const approved = applyTransition(submitted, 'approve', {
      actor: {
        userRef: 'user:default/sam',
        groups: ['group:default/security-team'],
      },
      comment: 'Looks good',
      now,
      policy,
    });
    await store.saveTransition(submitted, approved);
    await expect(store.get(change.id)).resolves.toEqual(approved);
    await expect(
      store.list({ entityRefs: ['api:default/fs'], limit: 10 }),
    ).resolves.toEqual([approved]);
    await expect(store.list({ states: ['draft'], limit: 10 })).resolves.toEqual(
      [],
    );
  });

  it('applies only one of two concurrent decisions on the same version', async () => {
    const store = await createStore();
    const { approvalPolicy: policy } = await builtinKnowledge();
    const submitted = applyTransition(change, 'submit', {
      actor: { userRef: 'user:default/alice', groups: [] },
      now,
      policy,
    });
    await store.create(submitted);
    const byBob = applyTransition(submitted, 'approve', {
      actor: { userRef: 'user:default/bob', groups: [] },
      now,
      policy,
    });
    const bySam = applyTransition(submitted, 'approve', {
      actor: { userRef: 'user:default/sam', groups: [] },
      now,
      policy,
    });
    const results = await Promise.allSettled([
      store.saveTransition(submitted, byBob),
      store.saveTransition(submitted, bySam),
    ]);
    expect(results.map(r => r.status).sort()).toEqual([
      'fulfilled',
      'rejected',
    ]);
    const rejected = results.find(
      r => r.status === 'rejected',
    ) as PromiseRejectedResult;
    expect(rejected.reason.name).toBe('ConflictError');
    const stored = await store.get(change.id);
    expect(stored!.votes).toHaveLength(1);
    expect(stored!.version).toBe(submitted.version + 1);
  });
});

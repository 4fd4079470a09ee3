import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  as,
  SECURITY,
  startChangeBackend,
} from '../__testUtils__/changeBackend';

const server: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: 'fs',
    namespace: 'default',
    annotations: {
      'mcp-security.io/deployment-context': 'production',
      'mcp-security.io/capabilities': 'filesystem-write',
      'mcp-security.io/isolation': 'none',
    },
  },
  spec: {
    type: 'mcp-server',
    lifecycle: 'production',
    owner: 'group:default/team-a',
    remotes: [
      {
        type: 'stdio',
        url: 'npx -y @modelcontextprotocol/server-filesystem@0.6.3 /srv',
      },
    ],
  },
};

const newChange = {
  changeType: 'code-deployment',
  title: 'Upgrade to 0.7.0',
  description: 'Adds the move_file tool',
  rollbackPlan: 'Redeploy 0.6.3 from the pinned image',
};

function startBackend(options: { authorize?: jest.Mock } = {}) {
  return startChangeBackend({ entities: [server], ...options });
}

async function createAndSubmit(http: any, requester = 'user:default/alice') {
  const created = await request(http)
    .post('/api/mcp-security/entities/api/default/fs/changes')
    .set(as(requester))
    .send(newChange);
  expect(created.status).toBe(201);
  const submitted = await request(http)
    .post(`/api/mcp-security/changes/${created.body.id}/submit`)
    .set(as(requester))
    .send({ version: created.body.version });
  expect(submitted.status).toBe(200);
  return submitted.body;
}

describe('the change routes', () => {
  it('creates a draft at the type’s risk raised to the server’s, with the policy’s requirements', async () => {
    const { http } = await startBackend();
    const { body: assessment } = await request(http)
      .get('/api/mcp-security/entities/api/default/fs/assessment')
      .set(as('user:default/alice'));
    // A code deployment is medium at least; this server's own risk is higher.
    expect(['high', 'critical']).toContain(assessment.risk.level);
    const response = await request(http)
      .post('/api/mcp-security/entities/api/default/fs/changes')
      .set(as('user:default/alice'))
      .send(newChange);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      state: 'draft',
      version: 1,
      riskLevel: assessment.risk.level,
      requirements: { approvals: 2, requiredGroups: [SECURITY] },
      requestedBy: 'user:default/alice',
      events: [
        { transition: 'create', to: 'draft', actor: 'user:default/alice' },
      ],
    });
  });

  it('takes a change from submission through quorum to verification, notifying as it goes', async () => {
    const { http, send } = await startBackend();
    let change = await createAndSubmit(http);
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        recipients: {
          type: 'entity',
          entityRef: [SECURITY],
          excludeEntityRef: 'user:default/alice',
        },
      }),
    );

    const waiting = await request(http)
      .get('/api/mcp-security/changes?awaiting=me')
      .set(as('user:default/sam'));
    expect(waiting.body.items.map((c: { id: string }) => c.id)).toEqual([
      change.id,
    ]);
    const notForAlice = await request(http)
      .get('/api/mcp-security/changes?awaiting=me')
      .set(as('user:default/alice'));
    expect(notForAlice.body.items).toEqual([]);

    for (const approver of ['user:default/sam', 'user:default/jordan']) {
      const response = await request(http)
        .post(`/api/mcp-security/changes/${change.id}/approve`)
        .set(as(approver))
        .send({ version: change.version, comment: 'ok' });
      expect(response.status).toBe(200);
      change = response.body;
    }
    expect(change).toMatchObject({
      state: 'approved',
      approvalsReceived: 2,
      missingGroups: [],
    });
    expect(send).toHaveBeenLastCalledWith(
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: 'user:default/alice' },
      }),
    );

    for (const transition of ['implement', 'verify']) {
      const response = await request(http)
        .post(`/api/mcp-security/changes/${change.id}/${transition}`)
        .set(as('user:default/alice'))
        .send({ version: change.version });
      expect(response.status).toBe(200);
      change = response.body;
    }
    expect(change.state).toBe('verified');
    expect(change.events.map((e: { to: string }) => e.to)).toEqual([
      'draft',
      'submitted',
      'submitted',
      'approved',
      'implemented',
      'verified',
    ]);
  });

  it('audits every transition, refused ones included', async () => {
    const { http, audited } = await startBackend();
    const change = await createAndSubmit(http);
    await request(http)
      .post(`/api/mcp-security/changes/${change.id}/approve`)
      .set(as('user:default/alice'))
      .send({ version: change.version });
    expect(audited).toEqual([
      {
        eventId: 'change-create',
        meta: expect.objectContaining({ changeType: 'code-deployment' }),
        outcome: 'success',
      },
      {
        eventId: 'change-transition',
        meta: { changeId: change.id, transition: 'submit', version: 1 },
        outcome: 'success',
      },
      {
        eventId: 'change-transition',
        meta: { changeId: change.id, transition: 'approve', version: 2 },
        outcome: 'failure',
      },
    ]);
  });

  it('refuses self-approval with 403 and changes nothing', async () => {
    const { http } = await startBackend();
    const change = await createAndSubmit(http);
    const response = await request(http)
      .post(`/api/mcp-security/changes/${change.id}/approve`)
      .set(as('user:default/alice'))
      .send({ version: change.version });
    expect(response.status).toBe(403);
    const after = await request(http)
      .get(`/api/mcp-security/changes/${change.id}`)
      .set(as('user:default/alice'));
    expect(after.body).toMatchObject({ version: change.version, votes: [] });
  });

  it('answers 409 for a stale version, so two concurrent approvals never double-count', async () => {
    const { http } = await startBackend();
    const change = await createAndSubmit(http);
    const [first, second] = await Promise.all(
      ['user:default/sam', 'user:default/bob'].map(user =>
        request(http)
          .post(`/api/mcp-security/changes/${change.id}/approve`)
          .set(as(user))
          .send({ version: change.version }),
      ),
    );
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const after = await request(http)
      .get(`/api/mcp-security/changes/${change.id}`)
      .set(as('user:default/alice'));
    expect(after.body.votes).toHaveLength(1);
    expect(after.body.version).toBe(change.version + 1);
  });

  it('answers 403 to users the policy does not allow, and nothing changes', async () => {
    const authorize = jest.fn(
      async (requests: { permission: { name: string } }[]) =>
        requests.map(r => ({
          result:
            r.permission.name === 'mcp-security.change.approve'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
    );
    const { http } = await startBackend({ authorize });
    const change = await createAndSubmit(http);
    const response = await request(http)
      .post(`/api/mcp-security/changes/${change.id}/approve`)
      .set(as('user:default/bob'))
      .send({ version: change.version });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain(
      'is not allowed mcp-security.change.approve',
    );
    const after = await request(http)
      .get(`/api/mcp-security/changes/${change.id}`)
      .set(as('user:default/alice'));
    expect(after.body.version).toBe(change.version);
  });

  it.each([
    [
      { ...newChange, changeType: 'teleport' },
      'changeType: "teleport" is not a change type',
    ],
    [
      { ...newChange, emergency: true },
      'emergency: Code deployment changes may not use the emergency path',
    ],
    [{ ...newChange, title: '' }, 'title'],
    [{ ...newChange, plannedStart: 'tomorrow' }, 'plannedStart'],
  ])('refuses the change %j naming the field', async (body, message) => {
    const { http } = await startBackend();
    const response = await request(http)
      .post('/api/mcp-security/entities/api/default/fs/changes')
      .set(as('user:default/alice'))
      .send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(message);
  });

  it('refuses to submit without a rollback plan, and an unknown transition', async () => {
    const { http } = await startBackend();
    const created = await request(http)
      .post('/api/mcp-security/entities/api/default/fs/changes')
      .set(as('user:default/alice'))
      .send({ ...newChange, rollbackPlan: '' });
    const submit = await request(http)
      .post(`/api/mcp-security/changes/${created.body.id}/submit`)
      .set(as('user:default/alice'))
      .send({ version: 1 });
    expect(submit.status).toBe(400);
    expect(submit.body.error.message).toContain(
      'rollbackPlan: a rollback plan is required',
    );
    const unknown = await request(http)
      .post(`/api/mcp-security/changes/${created.body.id}/teleport`)
      .set(as('user:default/alice'))
      .send({ version: 1 });
    expect(unknown.status).toBe(400);
  });

  it('accepts transitions from users only', async () => {
    const { http } = await startBackend();
    const change = await createAndSubmit(http);
    const response = await request(http)
      .post(`/api/mcp-security/changes/${change.id}/approve`)
      .set('Authorization', mockCredentials.service.header())
      .send({ version: change.version });
    expect(response.status).toBe(403);
  });
});

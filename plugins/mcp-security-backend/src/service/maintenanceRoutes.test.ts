import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { mcpSecurityPlugin } from '../plugin';
import { builtinKnowledge } from '../__testUtils__/knowledge';

const server: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: 'payments',
    namespace: 'default',
    annotations: {
      'mcp-security.io/deployment-context': 'regulated',
      'mcp-security.io/capabilities': 'financial-transactions,network-egress',
      'mcp-security.io/isolation': 'none',
    },
  },
  spec: {
    type: 'mcp-server',
    lifecycle: 'production',
    owner: 'group:default/payments-team',
    remotes: [{ type: 'stdio', url: 'npx -y @stripe/mcp@0.2.2 --tools=all' }],
  },
};

const base = '/api/mcp-security/entities/api/default/payments';
const DAY = 24 * 60 * 60 * 1000;

async function startBackend(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const { server: http } = await startTestBackend({
    features: [
      mcpSecurityPlugin,
      catalogServiceMock.factory({ entities: [server] }),
      mockServices.permissions.factory({ result }),
    ],
  });
  return http;
}

describe('the maintenance routes', () => {
  it('lists the tasks that apply, soonest first, with what to do and what to record', async () => {
    const http = await startBackend();
    const response = await request(http).get(`${base}/maintenance`);
    expect(response.status).toBe(200);
    const items = response.body.items;
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]).toMatchObject({
      taskId: expect.any(String),
      title: expect.any(String),
      cadence: expect.stringMatching(/^(daily|weekly|monthly|quarterly)$/),
      procedure: expect.arrayContaining([expect.any(String)]),
      evidence: expect.any(String),
      nextDueAt: expect.any(String),
      status: expect.stringMatching(/^(overdue|due-soon|upcoming)$/),
    });
    const dues = items.map((t: { nextDueAt: string }) =>
      Date.parse(t.nextDueAt),
    );
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });

  it('moves the next due date by the cadence when a task is completed, and keeps the history', async () => {
    const http = await startBackend();
    const { body } = await request(http).get(`${base}/maintenance`);
    const task =
      body.items.find((t: { cadence: string }) => t.cadence !== 'daily') ??
      body.items[0];

    const before = Date.now();
    const response = await request(http)
      .post(`${base}/maintenance/${task.taskId}/completions`)
      .send({
        outcome: 'done',
        evidence:
          'Reviewed 2026-11-01..21, query in ticket SEC-12, no anomalies',
      });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      taskId: task.taskId,
      status: 'upcoming',
    });
    const cadenceDays = { daily: 1, weekly: 7, monthly: 28, quarterly: 89 }[
      task.cadence as string
    ]!;
    expect(Date.parse(response.body.nextDueAt) - before).toBeGreaterThanOrEqual(
      cadenceDays * DAY - 60_000,
    );
    expect(Date.parse(response.body.lastCompletedAt)).toBeGreaterThanOrEqual(
      before - 1000,
    );

    const history = await request(http).get(
      `${base}/maintenance/completions?taskId=${task.taskId}`,
    );
    expect(history.body.items).toEqual([
      expect.objectContaining({
        taskId: task.taskId,
        outcome: 'done',
        evidence:
          'Reviewed 2026-11-01..21, query in ticket SEC-12, no anomalies',
        completedBy: 'user:default/mock',
        cadence: task.cadence,
      }),
    ]);
  });

  it.each([
    [{ outcome: 'done' }, 'evidence'],
    [{ outcome: 'done', evidence: '   ' }, 'evidence: evidence is required'],
    [{ outcome: 'finished', evidence: 'x' }, 'outcome'],
  ])('refuses the completion %j naming %s', async (body, message) => {
    const http = await startBackend();
    const { body: list } = await request(http).get(`${base}/maintenance`);
    const response = await request(http)
      .post(`${base}/maintenance/${list.items[0].taskId}/completions`)
      .send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(message);
  });

  it('answers 404 for a task the knowledge base does not have, and 409 for one that does not apply', async () => {
    const http = await startBackend();
    const unknown = await request(http)
      .post(`${base}/maintenance/no-such-task/completions`)
      .send({ outcome: 'done', evidence: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'No maintenance task no-such-task in the knowledge base',
    );

    const { body: list } = await request(http).get(`${base}/maintenance`);
    const { maintenanceTasks } = await builtinKnowledge();
    const notApplicable = maintenanceTasks.find(
      t => !list.items.some((i: { taskId: string }) => i.taskId === t.id),
    )!;
    const response = await request(http)
      .post(`${base}/maintenance/${notApplicable.id}/completions`)
      .send({ outcome: 'done', evidence: 'x' });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain(
      `${notApplicable.id} does not apply to api:default/payments`,
    );
  });

  it('refuses a completion the policy denies, and records nothing', async () => {
    const http = await startBackend(AuthorizeResult.DENY);
    const { body: list } = await request(http).get(`${base}/maintenance`);
    const response = await request(http)
      .post(`${base}/maintenance/${list.items[0].taskId}/completions`)
      .send({ outcome: 'done', evidence: 'x' });
    expect(response.status).toBe(403);
    const history = await request(http).get(`${base}/maintenance/completions`);
    expect(history.body.items).toEqual([]);
  });

  it('exports the schedule as an iCalendar file', async () => {
    const http = await startBackend();
    const { body: list } = await request(http).get(`${base}/maintenance`);
    const response = await request(http).get(`${base}/maintenance.ics`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    expect(response.headers['content-disposition']).toContain(
      'payments-maintenance.ics',
    );
    const text = response.text;
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(list.items.length);
    expect(text).toContain(
      `UID:${list.items[0].taskId}.api:default/payments@mcp-security`,
    );
  });
});

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { mcpSecurityPlugin } from '../plugin';

const server: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: 'payments',
    namespace: 'default',
    annotations: {
      'mcp-security.io/deployment-context': 'regulated',
      'mcp-security.io/capabilities': 'financial-transactions,network-egress',
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
const done = { outcome: 'done', evidence: 'Reviewed, no anomalies' };

describe('completing a maintenance task twice', () => {
  let http: any;
  let taskIds: string[];

  beforeAll(async () => {
    ({ server: http } = await startTestBackend({
      features: [
        mcpSecurityPlugin,
        catalogServiceMock.factory({ entities: [server] }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootConfig.factory({
          data: {
            mcpSecurity: { maintenance: { repeatCompletionWindow: 'PT2H' } },
          },
        }),
      ],
    }));
    const { body } = await request(http).get(`${base}/maintenance`);
    taskIds = body.items.map((t: { taskId: string }) => t.taskId);
  });

  it('has enough tasks on the server to try each case on its own task', () => {
    expect(taskIds.length).toBeGreaterThanOrEqual(4);
  });

  const complete = (taskId: string, body: object, key?: string) => {
    const post = request(http).post(
      `${base}/maintenance/${taskId}/completions`,
    );
    return (key ? post.set('Idempotency-Key', key) : post).send(body);
  };
  const completions = async (taskId: string) =>
    (
      await request(http).get(
        `${base}/maintenance/completions?taskId=${taskId}`,
      )
    ).body.items;

  it('records one of twenty completions of the same cycle sent at once, and refuses the others', async () => {
    const taskId = taskIds[0];
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => complete(taskId, done)),
    );
    const statuses = responses.map(r => r.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    expect(responses.find(r => r.status === 409)!.body.error.message).toMatch(
      new RegExp(
        `^${taskId} was already completed for api:default/payments at .*, within the last 120 minutes; if this is another completion, send "repeat": true$`,
      ),
    );
    expect(await completions(taskId)).toHaveLength(1);
  });

  it('records a second completion of the cycle when the request says it is another one', async () => {
    const taskId = taskIds[1];
    expect((await complete(taskId, done)).status).toBe(201);
    expect((await complete(taskId, { ...done, repeat: true })).status).toBe(
      201,
    );
    expect(await completions(taskId)).toHaveLength(2);
  });

  it('answers retries with the same Idempotency-Key without recording them again', async () => {
    const taskId = taskIds[2];
    const first = await complete(taskId, done, 'retry-1');
    expect(first.status).toBe(201);
    const retries = await Promise.all(
      Array.from({ length: 5 }, () =>
        complete(taskId, { ...done, repeat: true }, 'retry-1'),
      ),
    );
    for (const retry of retries) {
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
    }
    expect(await completions(taskId)).toHaveLength(1);
  });

  it('names a malformed Idempotency-Key header', async () => {
    const response = await complete(taskIds[3], done, 'x'.repeat(201));
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'Invalid Idempotency-Key header: Idempotency-Key header: must be 1 to 200 visible ASCII characters',
    );
    expect(await completions(taskIds[3])).toEqual([]);
  });
});

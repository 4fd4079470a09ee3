import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { mcpSecurityPlugin } from '../plugin';

const server: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'fs', namespace: 'default' },
  spec: {
    type: 'mcp-server',
    lifecycle: 'production',
    owner: 'group:default/team-a',
    remotes: [{ type: 'stdio', url: 'npx -y server-filesystem@latest /srv' }],
  },
};
const base = '/api/mcp-security/entities/api/default/fs';

describe('concurrent decisions on one recommendation', () => {
  let http: Awaited<ReturnType<typeof startTestBackend>>['server'];
  beforeAll(async () => {
    ({ server: http } = await startTestBackend({
      features: [
        mcpSecurityPlugin,
        catalogServiceMock.factory({ entities: [server] }),
      ],
    }));
  });

  it('applies one of twenty sent at once on the same version and answers 409 to the rest', async () => {
    const { body: assessment } = await request(http).get(`${base}/assessment`);
    const { controlId } = assessment.recommendations[0];
    const decide = (user: number, version: number) =>
      request(http)
        .put(`${base}/recommendations/${controlId}`)
        .set({
          Authorization: mockCredentials.user.header(`user:default/u${user}`),
        })
        .send({ status: user % 2 ? 'accepted' : 'implemented', version });

    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, user) => decide(user, 0)),
    );
    expect(responses.map(r => r.status).sort()).toEqual([
      200,
      ...Array(19).fill(409),
    ]);
    expect(responses.find(r => r.status === 409)!.body.error.name).toBe(
      'ConflictError',
    );
    const winner = responses.find(r => r.status === 200)!;
    const decided = winner.body.recommendations.find(
      (r: { controlId: string }) => r.controlId === controlId,
    );
    expect(decided.decision.version).toBe(1);

    expect((await decide(1, 0)).status).toBe(409);
    expect((await decide(1, 1)).status).toBe(200);
  });
});

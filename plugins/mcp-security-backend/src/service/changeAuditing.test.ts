import {
  BackstageCredentials,
  BackstageUserPrincipal,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
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
    remotes: [{ type: 'stdio', url: 'npx -y server-filesystem@0.6.3 /srv' }],
  },
};

const ALICE = 'user:default/alice';
const newChange = {
  changeType: 'code-deployment',
  title: 'Upgrade to 0.7.0',
  description: 'Adds the move_file tool',
  rollbackPlan: 'Redeploy 0.6.3',
};

interface AuditedEvent {
  eventId: string;
  meta?: Record<string, unknown>;
  outcome: 'success' | 'failure';
  resultMeta?: Record<string, unknown>;
}

/** The plugin in a test backend, with its HTTP server, its MCP tools and the auditor events it left. */
async function startBackend() {
  const audited: AuditedEvent[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async ({ eventId, meta }) => ({
      success: async (options?: { meta?: Record<string, unknown> }) => {
        audited.push({
          eventId,
          meta,
          outcome: 'success',
          resultMeta: options?.meta,
        });
      },
      fail: async () => {
        audited.push({ eventId, meta, outcome: 'failure' });
      },
    })),
  });
  const tools = actionsRegistryServiceMock();
  const { server: http } = await startTestBackend({
    features: [
      mcpSecurityPlugin,
      catalogServiceMock.factory({ entities: [server] }),
      mockServices.userInfo.mock({
        getUserInfo: async (credentials: BackstageCredentials) => {
          const ref = (credentials.principal as BackstageUserPrincipal)
            .userEntityRef;
          return { userEntityRef: ref, ownershipEntityRefs: [ref] };
        },
      }).factory,
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: jest.fn() }),
      }),
      createServiceFactory({
        service: actionsRegistryServiceRef,
        deps: {},
        factory: () => tools,
      }),
      auditor.factory,
    ],
  });
  const requestChange = (input: Record<string, unknown>) =>
    tools.invoke({
      id: 'test:request-change',
      input: { entityRef: 'api:default/fs', ...input },
      credentials: mockCredentials.user(ALICE),
    });
  const storedChanges = async () =>
    (
      await request(http)
        .get('/api/mcp-security/changes')
        .set({ Authorization: mockCredentials.user.header(ALICE) })
    ).body.items;
  return { http, audited, requestChange, storedChanges };
}

describe('auditing of changes, the same whichever way they are made', () => {
  it('audits a change made over HTTP with the id it was given', async () => {
    const { http, audited } = await startBackend();
    const created = await request(http)
      .post('/api/mcp-security/entities/api/default/fs/changes')
      .set({ Authorization: mockCredentials.user.header(ALICE) })
      .send(newChange);
    expect(created.status).toBe(201);
    const submitted = await request(http)
      .post(`/api/mcp-security/changes/${created.body.id}/submit`)
      .set({ Authorization: mockCredentials.user.header(ALICE) })
      .send({ version: 1 });
    expect(submitted.status).toBe(200);
    expect(audited).toEqual([
      {
        eventId: 'change-create',
        meta: { entityRef: 'api:default/fs', changeType: 'code-deployment' },
        outcome: 'success',
        resultMeta: { actor: ALICE, changeId: created.body.id },
      },
      {
        eventId: 'change-transition',
        meta: { changeId: created.body.id, transition: 'submit', version: 1 },
        outcome: 'success',
        resultMeta: { actor: ALICE, changeId: created.body.id },
      },
    ]);
  });

  it('audits a change requested through the MCP tool with the same events', async () => {
    const { audited, requestChange, storedChanges } = await startBackend();
    const { output } = await requestChange(newChange);
    const id = (output as { id: string }).id;
    expect(output).toMatchObject({ state: 'submitted' });
    expect(audited).toEqual([
      {
        eventId: 'change-transition',
        meta: { changeId: id, transition: 'submit', version: 1 },
        outcome: 'success',
        resultMeta: { actor: ALICE, changeId: id },
      },
      {
        eventId: 'change-create',
        meta: { entityRef: 'api:default/fs', changeType: 'code-deployment' },
        outcome: 'success',
        resultMeta: { actor: ALICE, changeId: id },
      },
    ]);
    expect(await storedChanges()).toEqual([
      expect.objectContaining({ id, state: 'submitted', version: 2 }),
    ]);
  });

  it('stores nothing when the MCP tool cannot submit the change, however often it is retried', async () => {
    const { audited, requestChange, storedChanges } = await startBackend();
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(
        requestChange({ ...newChange, rollbackPlan: '' }),
      ).rejects.toThrow('rollbackPlan: a rollback plan is required');
    }
    expect(await storedChanges()).toEqual([]);
    expect(audited.map(e => `${e.eventId} ${e.outcome}`)).toEqual(
      Array(3)
        .fill(['change-transition failure', 'change-create failure'])
        .flat(),
    );
  });
});

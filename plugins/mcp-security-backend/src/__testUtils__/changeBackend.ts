import {
  BackstageCredentials,
  BackstageUserPrincipal,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { mcpSecurityPlugin } from '../plugin';

export const SECURITY = 'group:default/security-team';

/** The example users' groups: alice and bob own servers, sam and jordan review. */
const groups: Record<string, string[]> = {
  'user:default/alice': ['group:default/team-a'],
  'user:default/bob': ['group:default/data-team'],
  'user:default/sam': [SECURITY],
  'user:default/jordan': [SECURITY],
};

/** The request headers of a signed-in user. */
export const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

/** An audit event as the test backend recorded it. */
export interface RecordedAuditEvent {
  eventId: string;
  meta?: unknown;
  outcome: string;
}

/**
 * The plugin on a test backend with the catalog holding `entities`, users in
 * the groups above, and a recording auditor and notification service: what
 * the change workflow's route tests look at.
 */
export async function startChangeBackend(options: {
  entities: Entity[];
  authorize?: jest.Mock;
}) {
  const send = jest.fn();
  const audited: RecordedAuditEvent[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async ({ eventId, meta }) => ({
      success: async () => {
        audited.push({ eventId, meta, outcome: 'success' });
      },
      fail: async () => {
        audited.push({ eventId, meta, outcome: 'failure' });
      },
    })),
  });
  const { server: http } = await startTestBackend({
    features: [
      mcpSecurityPlugin,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.userInfo.mock({
        getUserInfo: async (credentials: BackstageCredentials) => {
          const ref = (credentials.principal as BackstageUserPrincipal)
            .userEntityRef;
          return {
            userEntityRef: ref,
            ownershipEntityRefs: [ref, ...(groups[ref] ?? [])],
          };
        },
      }).factory,
      options.authorize
        ? mockServices.permissions.mock({ authorize: options.authorize })
            .factory
        : mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send }),
      }),
      auditor.factory,
    ],
  });
  return { http, send, audited };
}

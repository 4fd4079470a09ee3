import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import devUserAuth, { parseDevUser } from './devUserAuth';

jest.setTimeout(60_000);

const orgFile = resolve(__dirname, '../../../../examples/org.yaml');

/** The real auth and catalog backends with the module, reading the example organisation. */
async function startBackend(devUser: {
  dangerouslyAllowOutsideDevelopment?: boolean;
}) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      catalogPlugin,
      devUserAuth,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { providers: { 'dev-user': devUser } },
          catalog: {
            rules: [{ allow: ['User', 'Group'] }],
            locations: [{ type: 'file', target: orgFile }],
          },
        },
      }),
    ],
  });
  return `http://localhost:${(server.address() as AddressInfo).port}`;
}

/** What the sign-in page asks: a refresh naming the user in the header, if any. */
async function refresh(baseUrl: string, user?: string) {
  const response = await fetch(`${baseUrl}/api/auth/dev-user/refresh`, {
    headers: {
      'X-Requested-With': 'XMLHttpRequest',
      ...(user === undefined ? {} : { 'x-dev-user': user }),
    },
  });
  return { status: response.status, body: await response.json() };
}

describe('parseDevUser', () => {
  it.each([
    ['alice', { namespace: 'default', name: 'alice' }],
    ['user:default/sam', { namespace: 'default', name: 'sam' }],
    ['team-a/jordan', { namespace: 'team-a', name: 'jordan' }],
  ])('reads %s', (value, expected) => {
    expect(parseDevUser(value)).toEqual(expected);
  });

  it.each(['', 'group:default/security-team', 'a b', 'x/y/z'])(
    'refuses %j',
    value => {
      expect(() => parseDevUser(value)).toThrow(
        expect.objectContaining({ name: 'InputError' }),
      );
    },
  );
});

describe('the dev-user sign-in provider', () => {
  // backstage-cli runs tests with NODE_ENV=test, so only the flag enables it.
  describe('enabled by its flag', () => {
    let baseUrl: string;

    beforeAll(async () => {
      baseUrl = await startBackend({
        dangerouslyAllowOutsideDevelopment: true,
      });
      // The catalog ingests the example organisation after start-up.
      const deadline = Date.now() + 45_000;
      while (Date.now() < deadline) {
        const response = await refresh(baseUrl, 'sam');
        if (response.status === 200) return;
        await new Promise(r => setTimeout(r, 500));
      }
      throw new Error('sam never became able to sign in');
    });

    it('signs in as the named catalog user, with their groups', async () => {
      const response = await refresh(baseUrl, 'jordan');

      expect(response.status).toBe(200);
      expect(response.body.backstageIdentity.identity).toEqual({
        type: 'user',
        userEntityRef: 'user:default/jordan',
        ownershipEntityRefs: expect.arrayContaining([
          'user:default/jordan',
          'group:default/security-team',
          'group:default/platform-team',
        ]),
      });
      expect(response.body.backstageIdentity.token).toEqual(expect.any(String));
      expect(response.body.profile).toEqual({
        displayName: 'Jordan Lee',
        email: 'jordan@example.com',
      });
    });

    it('takes a full user ref too', async () => {
      const response = await refresh(baseUrl, 'user:default/alice');

      expect(response.status).toBe(200);
      expect(
        response.body.backstageIdentity.identity.ownershipEntityRefs,
      ).toContain('group:default/developer-experience');
    });

    it('refuses a user the catalog does not have', async () => {
      const response = await refresh(baseUrl, 'mallory');

      expect(response.status).toBe(404);
      expect(response.body.backstageIdentity).toBeUndefined();
    });

    it('refuses a request that names nobody', async () => {
      const response = await refresh(baseUrl);

      expect(response.status).toBe(401);
      expect(response.body.error.message).toMatch(/x-dev-user/);
    });

    it('refuses a header that names no user', async () => {
      const response = await refresh(baseUrl, 'group:default/security-team');

      expect(response.status).toBe(400);
    });
  });

  it('refuses every sign-in outside development without its flag', async () => {
    const url = await startBackend({});

    const response = await refresh(url, 'sam');

    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(/development only/);
  });
});

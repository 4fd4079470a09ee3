import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
  SignInResolver,
} from '@backstage/plugin-auth-node';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
} from '@backstage/errors';

/** The provider id: the sign-in page calls `/api/auth/dev-user/refresh`. */
export const DEV_USER_PROVIDER_ID = 'dev-user';

/** The header that names the user to sign in as: a name (`alice`) or a ref (`user:default/alice`). */
export const DEV_USER_HEADER = 'x-dev-user';

/** The user a request names: a catalog user entity's namespace and name. */
interface DevUserResult {
  namespace: string;
  name: string;
}

/** `alice` or `user:default/alice` → `{ namespace: 'default', name: 'alice' }`; anything else is refused. */
export function parseDevUser(value: string): DevUserResult {
  const match = /^(?:user:)?(?:([a-z0-9._-]+)\/)?([a-z0-9._-]+)$/i.exec(
    value.trim(),
  );
  if (!match) {
    throw new InputError(
      `${DEV_USER_HEADER} must name a user, such as alice or user:default/alice`,
    );
  }
  return { namespace: match[1] ?? 'default', name: match[2] };
}

/**
 * Signs in as the user the request names in its `x-dev-user` header, with no
 * password: only for the dev portal, so that tests and demos can act as
 * requester and approver. It answers only when the backend runs with
 * `NODE_ENV=development` or `auth.providers.dev-user` has
 * `dangerouslyAllowOutsideDevelopment: true`, as the guest provider does.
 */
export const devUserAuthenticator = createProxyAuthenticator<
  { enabled: boolean },
  DevUserResult,
  undefined
>({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize({ config }) {
    return {
      enabled:
        process.env.NODE_ENV === 'development' ||
        config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') ===
          true,
    };
  },
  async authenticate({ req }, { enabled }) {
    if (!enabled) {
      throw new NotAllowedError(
        `The ${DEV_USER_PROVIDER_ID} provider signs in without a password and is for development only; set auth.providers.${DEV_USER_PROVIDER_ID}.dangerouslyAllowOutsideDevelopment to use it elsewhere`,
      );
    }
    const header = req.header(DEV_USER_HEADER);
    if (!header) {
      throw new AuthenticationError(
        `Name the user to sign in as in the ${DEV_USER_HEADER} header`,
      );
    }
    return { result: parseDevUser(header) };
  },
});

/**
 * Signs in as the catalog's user entity, with its group memberships as
 * ownership claims; a user the catalog does not have is refused (the
 * catalog lookup answers 404), never given a token of its own making.
 */
export const signInAsCatalogUser: SignInResolver<DevUserResult> = async (
  { result },
  ctx,
) => ctx.signInWithCatalogUser({ entityRef: { kind: 'User', ...result } });

/** The dev portal's `dev-user` sign-in provider, for `auth.providers.dev-user`. */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'dev-user-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ providers, logger }) {
        providers.registerProvider({
          providerId: DEV_USER_PROVIDER_ID,
          factory: createProxyAuthProviderFactory({
            authenticator: devUserAuthenticator,
            // The catalog user's display name and e-mail, for the settings page.
            profileTransform: async (result, ctx) => {
              try {
                const { entity } = await ctx.findCatalogUser({
                  entityRef: { kind: 'User', ...result },
                });
                const profile = (entity.spec?.profile ?? {}) as {
                  displayName?: string;
                  email?: string;
                  picture?: string;
                };
                return {
                  profile: {
                    displayName: profile.displayName,
                    email: profile.email,
                    picture: profile.picture,
                  },
                };
              } catch {
                // An unknown user has no profile; the resolver refuses them.
                return { profile: {} };
              }
            },
            signInResolver: signInAsCatalogUser,
          }),
        });
        logger.info(
          `The ${DEV_USER_PROVIDER_ID} sign-in provider lets anyone sign in as any catalog user; it answers only in development`,
        );
      },
    });
  },
});

import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Checks an entity-scoped permission for a signed-in user. The permission
 * backend resolves catalog conditions such as isEntityOwner, so the plugin
 * only sees ALLOW or DENY.
 */
export async function authorizeEntity(
  permissions: PermissionsService,
  permission: ResourcePermission<'catalog-entity'>,
  entityRef: string,
  credentials: BackstageCredentials<BackstageUserPrincipal>,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [{ permission, resourceRef: entityRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `${credentials.principal.userEntityRef} is not allowed ${permission.name} on ${entityRef}`,
    );
  }
}

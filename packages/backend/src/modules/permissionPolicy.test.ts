import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  mcpSecurityAssessmentRefreshPermission,
  mcpSecurityChangeApprovePermission,
  mcpSecurityChangeCreatePermission,
  mcpSecurityChangeImplementPermission,
  mcpSecurityFindingsImportPermission,
  mcpSecurityMaintenanceCompletePermission,
  mcpSecurityRecommendationUpdatePermission,
  mcpSecurityToolSnapshotImportPermission,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { DevPortalPermissionPolicy, SECURITY_TEAM } from './permissionPolicy';

function policyFor(ownershipEntityRefs: string[]) {
  const userInfo = mockServices.userInfo({
    userEntityRef: 'user:default/alice',
    ownershipEntityRefs,
  });
  return new DevPortalPermissionPolicy(userInfo);
}

const user = {
  credentials: mockCredentials.user('user:default/alice'),
  info: { userEntityRef: 'user:default/alice', ownershipEntityRefs: [] },
};

describe('DevPortalPermissionPolicy', () => {
  it('lets everyone read', async () => {
    await expect(
      policyFor([]).handle({ permission: catalogEntityReadPermission }, user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it.each(
    [
      mcpSecurityAssessmentRefreshPermission,
      mcpSecurityRecommendationUpdatePermission,
      mcpSecurityMaintenanceCompletePermission,
      mcpSecurityChangeCreatePermission,
      mcpSecurityChangeImplementPermission,
      mcpSecurityToolSnapshotImportPermission,
      mcpSecurityFindingsImportPermission,
    ].map(p => [p.name, p] as const),
  )(
    'lets owners act on their own servers only for %s',
    async (_name, permission) => {
      const decision = await policyFor([
        'user:default/alice',
        'group:default/data-team',
      ]).handle({ permission }, user);
      expect(decision).toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          params: { claims: ['user:default/alice', 'group:default/data-team'] },
        },
      });
    },
  );

  it('lets the security team act on every server', async () => {
    await expect(
      policyFor([SECURITY_TEAM]).handle(
        { permission: mcpSecurityRecommendationUpdatePermission },
        user,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('denies MCP Security actions without a user', async () => {
    await expect(
      policyFor([]).handle({
        permission: mcpSecurityAssessmentRefreshPermission,
      }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('lets only the security team approve changes, owners included', async () => {
    await expect(
      policyFor(['user:default/alice', 'group:default/data-team']).handle(
        { permission: mcpSecurityChangeApprovePermission },
        user,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      policyFor([SECURITY_TEAM]).handle(
        { permission: mcpSecurityChangeApprovePermission },
        user,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});

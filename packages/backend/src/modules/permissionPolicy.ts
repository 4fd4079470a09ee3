import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
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

/** Members of this group act on every MCP server, as security reviewers. */
export const SECURITY_TEAM = 'group:default/security-team';

const ownerActions = [
  mcpSecurityAssessmentRefreshPermission,
  mcpSecurityRecommendationUpdatePermission,
  mcpSecurityMaintenanceCompletePermission,
  mcpSecurityChangeCreatePermission,
  mcpSecurityChangeImplementPermission,
  mcpSecurityToolSnapshotImportPermission,
  mcpSecurityFindingsImportPermission,
];

/**
 * The dev portal's policy: everyone reads; owners act on their own MCP
 * servers (the catalog resolves isEntityOwner); the security team acts on
 * all of them and is alone in approving changes. It replaces allow-all so the portal exercises the permission
 * framework as a real deployment does.
 */
export class DevPortalPermissionPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const ownerAction = ownerActions.find(p =>
      isPermission(request.permission, p),
    );
    const approval = isPermission(
      request.permission,
      mcpSecurityChangeApprovePermission,
    );
    if (!ownerAction && !approval) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    if (ownershipEntityRefs.includes(SECURITY_TEAM)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!ownerAction) {
      return { result: AuthorizeResult.DENY };
    }
    return createCatalogConditionalDecision(
      ownerAction,
      catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
    );
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'dev-portal-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy(new DevPortalPermissionPolicy(userInfo));
      },
    });
  },
});

import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Re-assess one server now. Entity-scoped: policies can answer with catalog
 * conditions such as isEntityOwner, which the permission backend resolves.
 */
export const mcpSecurityAssessmentRefreshPermission = createPermission({
  name: 'mcp-security.assessment.refresh',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Accept, implement, dismiss or reopen a recommendation on one server. */
export const mcpSecurityRecommendationUpdatePermission = createPermission({
  name: 'mcp-security.recommendation.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Record the completion of a maintenance task on one server. */
export const mcpSecurityMaintenanceCompletePermission = createPermission({
  name: 'mcp-security.maintenance.complete',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Request a change to one server (create, edit and submit its change requests). */
export const mcpSecurityChangeCreatePermission = createPermission({
  name: 'mcp-security.change.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Vote on changes to one server: approve, reject, review an emergency change. */
export const mcpSecurityChangeApprovePermission = createPermission({
  name: 'mcp-security.change.approve',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Carry out changes to one server: implement, verify, roll back. */
export const mcpSecurityChangeImplementPermission = createPermission({
  name: 'mcp-security.change.implement',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Import a snapshot of one server's tool definitions (its `tools/list`):
 * what its agents are told the tools do, pinned to a reviewed baseline.
 */
export const mcpSecurityToolSnapshotImportPermission = createPermission({
  name: 'mcp-security.tool-snapshot.import',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Import a scanner's or an audit's report of findings for one server. CI
 * pipelines get it through an external-access token restricted to this
 * permission, so no service principal bypasses the policy.
 */
export const mcpSecurityFindingsImportPermission = createPermission({
  name: 'mcp-security.findings.import',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Read the organisation-wide scorecards (aggregates across every team). */
export const mcpSecurityScorecardReadPermission = createPermission({
  name: 'mcp-security.scorecard.read',
  attributes: { action: 'read' },
});

/** Every permission of the MCP Security plugins, for registration and policies. */
export const mcpSecurityPermissions = [
  mcpSecurityAssessmentRefreshPermission,
  mcpSecurityRecommendationUpdatePermission,
  mcpSecurityMaintenanceCompletePermission,
  mcpSecurityChangeCreatePermission,
  mcpSecurityChangeApprovePermission,
  mcpSecurityChangeImplementPermission,
  mcpSecurityToolSnapshotImportPermission,
  mcpSecurityFindingsImportPermission,
  mcpSecurityScorecardReadPermission,
];

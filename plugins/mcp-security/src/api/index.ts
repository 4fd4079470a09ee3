export { mcpSecurityApiRef } from './McpSecurityApi';
export type {
  ChangeApprovalPolicy,
  ChangeListOptions,
  McpSecurityApi,
  PolicyDuration,
  ScorecardDetail,
  ScorecardList,
  ScorecardSnapshot,
} from './McpSecurityApi';
export { McpSecurityClient } from './McpSecurityClient';

export { mcpSecurityApiRef } from './McpSecurityApi';
export type {
  ChangeApprovalPolicy,
  ChangeListOptions,
  McpSecurityApi,
  PolicyDuration,
} from './McpSecurityApi';
export { McpSecurityClient } from './McpSecurityClient';

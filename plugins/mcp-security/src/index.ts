/**
 * The MCP Security frontend plugin: the MCP Security tab of MCP servers in the
 * catalog and the MCP Security page (the approvals inbox), for the legacy
 * frontend system. The new frontend system plugin is
 * the default export of `/alpha`.
 *
 * @packageDocumentation
 */
export {
  mcpSecurityPlugin,
  EntityMcpSecurityContent,
  McpSecurityPage,
  isMcpServer,
} from './plugin';
export { rootRouteRef } from './routes';
export { mcpSecurityApiRef, McpSecurityClient } from './api';
export type {
  ChangeApprovalPolicy,
  ChangeListOptions,
  McpSecurityApi,
  PolicyDuration,
} from './api';

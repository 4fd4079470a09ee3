/**
 * The MCP Security frontend plugin: the MCP Security tab and card of MCP
 * servers in the catalog, the scorecard card of groups, and the MCP Security
 * page (the scorecards and the approvals inbox), for the legacy
 * frontend system. The new frontend system plugin is
 * the default export of `/alpha`.
 *
 * @packageDocumentation
 */
export {
  mcpSecurityPlugin,
  EntityMcpSecurityContent,
  EntityMcpSecurityCard,
  EntityMcpSecurityGroupCard,
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
  ScorecardDetail,
  ScorecardList,
  ScorecardSnapshot,
} from './api';

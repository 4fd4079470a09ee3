/**
 * The MCP Security frontend plugin: the MCP Security tab of MCP servers in the
 * catalog, for the legacy frontend system. The new frontend system plugin is
 * the default export of `/alpha`.
 *
 * @packageDocumentation
 */
export {
  mcpSecurityPlugin,
  EntityMcpSecurityContent,
  isMcpServer,
} from './plugin';
export { mcpSecurityApiRef, McpSecurityClient } from './api';
export type { McpSecurityApi } from './api';

/**
 * Node library of MCP Security: reads the mcp-security backend for other
 * backend plugins and modules.
 *
 * @packageDocumentation
 */
export { McpSecurityClient } from './McpSecurityClient';
export type { McpSecurityService } from './McpSecurityClient';
export { mcpSecurityServiceRef } from './mcpSecurityServiceRef';
export { mcpSecurityFigures } from './mcpSecurityFigures';
export type { McpSecurityFigures } from './mcpSecurityFigures';

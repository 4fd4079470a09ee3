export { mcpSecurityApiRef } from './McpSecurityApi';
export type { McpSecurityApi } from './McpSecurityApi';
export { McpSecurityClient } from './McpSecurityClient';

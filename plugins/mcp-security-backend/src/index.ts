/**
 * The MCP Security backend plugin: assesses MCP servers registered in the catalog.
 *
 * @packageDocumentation
 */
export { mcpSecurityPlugin as default } from './plugin';

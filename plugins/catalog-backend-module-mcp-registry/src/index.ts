/**
 * Catalog entity provider: the servers of MCP registries (v0.1 API) as
 * `mcp-server` APIs, with their registry status.
 *
 * @packageDocumentation
 */
export { catalogModuleMcpRegistry as default } from './module';

/**
 * Scaffolder actions of MCP Security: render a hardened deployment for an
 * MCP server, register a server in the catalog, open a change request.
 *
 * @packageDocumentation
 */
export { scaffolderModuleMcpSecurity as default } from './module';

/**
 * Tech Insights backend module of MCP Security: MCP servers' risk, trust and
 * open work as facts for Tech Insights checks.
 *
 * @packageDocumentation
 */
export { techInsightsModuleMcpSecurity as default } from './module';
export { mcpSecurityFactSchema } from './mcpSecurityFacts';
export { MCP_SECURITY_FACT_RETRIEVER_ID } from './mcpSecurityFactRetriever';

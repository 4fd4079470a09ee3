/**
 * RHDH Scorecard backend module of MCP Security: MCP servers' risk and open
 * work as Scorecard metrics.
 *
 * @packageDocumentation
 */
export { scorecardModuleMcpSecurity as default } from './module';

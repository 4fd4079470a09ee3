export { McpSecurityPage } from './McpSecurityPage';

export { EntityMcpSecurityContent } from './EntityMcpSecurityContent';

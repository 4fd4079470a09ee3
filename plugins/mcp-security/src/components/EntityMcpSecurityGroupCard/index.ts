export { EntityMcpSecurityGroupCard } from './EntityMcpSecurityGroupCard';

export { EntityMcpSecurityCard } from './EntityMcpSecurityCard';

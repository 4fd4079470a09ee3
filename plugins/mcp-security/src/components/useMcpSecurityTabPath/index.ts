export { useMcpSecurityTabPath } from './useMcpSecurityTabPath';

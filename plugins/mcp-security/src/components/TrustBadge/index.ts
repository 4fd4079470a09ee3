export { TrustBadge } from './TrustBadge';

export { RiskLevelChip } from './RiskLevelChip';

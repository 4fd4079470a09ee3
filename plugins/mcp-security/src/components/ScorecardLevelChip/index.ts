export { ScorecardLevelChip } from './ScorecardLevelChip';

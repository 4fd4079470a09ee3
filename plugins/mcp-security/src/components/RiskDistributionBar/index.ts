export { RiskDistributionBar } from './RiskDistributionBar';
export {
  riskColours,
  riskLabels,
  riskLevels,
  riskSummary,
} from './riskColours';

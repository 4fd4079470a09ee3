import { amber, green, orange, red } from '@material-ui/core/colors';
import { RiskLevel } from '@mcp-server-operator/plugin-mcp-security-common';

/** The risk levels, lowest first. */
export const riskLevels: RiskLevel[] = ['low', 'medium', 'high', 'critical'];

/** The colours of the risk level chips, for bars and charts. */
export const riskColours: Record<RiskLevel, string> = {
  low: green[800],
  medium: amber[500],
  high: orange[800],
  critical: red[800],
};

export const riskLabels: Record<RiskLevel, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

/** "1 critical, 2 high, 0 medium, 1 low": worst first, every level named. */
export function riskSummary(risk: Record<RiskLevel, number>): string {
  return [...riskLevels]
    .reverse()
    .map(level => `${risk[level] ?? 0} ${level}`)
    .join(', ');
}

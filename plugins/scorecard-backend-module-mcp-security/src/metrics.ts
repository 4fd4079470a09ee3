import { ThresholdConfig } from '@red-hat-developer-hub/backstage-plugin-scorecard-common';
import { McpSecurityMetric } from './McpSecurityMetricProvider';

/**
 * The risk levels' bands (low < 30 <= medium < 50 <= high < 70 <= critical,
 * as `knowledge/model.yaml` ships them), first match wins. Low and critical
 * use the Scorecard's own success and error keys, so they keep its colours
 * and icons.
 */
export const RISK_THRESHOLDS: ThresholdConfig = {
  rules: [
    { key: 'error', expression: '>=70' },
    { key: 'high', expression: '>=50', color: '#ef6c00', icon: 'warning' },
    { key: 'medium', expression: '>=30', color: '#f9a825', icon: 'warning' },
    { key: 'success', expression: '<30' },
  ],
};

/** Open work: none is success, any is an error. */
export const OPEN_WORK_THRESHOLDS: ThresholdConfig = {
  rules: [
    { key: 'success', expression: '<=0' },
    { key: 'error', expression: '>0' },
  ],
};

export const RISK_METRICS: McpSecurityMetric[] = [
  {
    id: 'mcp-security.risk_score',
    title: 'MCP server risk',
    description: 'Assessed risk score, 0-100 (critical from 70)',
    type: 'number',
    figure: 'riskScore',
  },
  {
    id: 'mcp-security.residual_risk_score',
    title: 'MCP server residual risk',
    description: 'Risk score left once implemented recommendations count',
    type: 'number',
    figure: 'residualRiskScore',
  },
];

export const OPEN_WORK_METRICS: McpSecurityMetric[] = [
  {
    id: 'mcp-security.open_p1_recommendations',
    title: 'Open P1 recommendations',
    description: 'P1 recommendations neither implemented nor dismissed',
    type: 'number',
    figure: 'openP1Recommendations',
  },
  {
    id: 'mcp-security.overdue_maintenance_tasks',
    title: 'Overdue maintenance',
    description: 'Scheduled maintenance tasks past their due date',
    type: 'number',
    figure: 'overdueMaintenanceTasks',
  },
  {
    id: 'mcp-security.pending_approvals',
    title: 'Changes awaiting approval',
    description: 'Change requests submitted and waiting for votes',
    type: 'number',
    figure: 'pendingApprovals',
  },
  {
    id: 'mcp-security.malicious_packages',
    title: 'Malicious packages',
    description: 'Packages a malicious-package advisory names',
    type: 'number',
    figure: 'maliciousPackages',
  },
  {
    id: 'mcp-security.vulnerable_packages',
    title: 'Vulnerable packages',
    description: 'Packages run at a version a vulnerability advisory affects',
    type: 'number',
    figure: 'vulnerablePackages',
  },
  {
    id: 'mcp-security.open_critical_findings',
    title: 'Critical scanner findings',
    description: 'Open critical findings imported from scanners and audits',
    type: 'number',
    figure: 'openCriticalFindings',
  },
  {
    id: 'mcp-security.unreviewed_tool_changes',
    title: 'Unreviewed tool changes',
    description: 'Tools changed since the reviewed baseline, not yet approved',
    type: 'number',
    figure: 'unreviewedToolChanges',
  },
];

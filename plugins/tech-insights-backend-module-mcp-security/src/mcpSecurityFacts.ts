import { FactSchema } from '@backstage-community/plugin-tech-insights-common';

/**
 * The schema of the facts this module publishes per MCP server (the figures
 * of `mcpSecurityFigures`); checks refer to these names.
 *
 * @public
 */
export const mcpSecurityFactSchema: FactSchema = {
  riskLevel: {
    type: 'string',
    description: 'Assessed risk level: low, medium, high or critical',
  },
  riskScore: { type: 'integer', description: 'Assessed risk score, 0-100' },
  residualRiskLevel: {
    type: 'string',
    description: 'Risk level left once implemented recommendations count',
  },
  residualRiskScore: {
    type: 'integer',
    description: 'Risk score left once implemented recommendations count',
  },
  trustTier: {
    type: 'string',
    description: 'Trust tier: trusted, community or unknown',
  },
  openP1Recommendations: {
    type: 'integer',
    description: 'P1 recommendations neither implemented nor dismissed',
  },
  openP2Recommendations: {
    type: 'integer',
    description: 'P2 recommendations neither implemented nor dismissed',
  },
  overdueMaintenanceTasks: {
    type: 'integer',
    description: 'Scheduled maintenance tasks past their due date',
  },
  pendingApprovals: {
    type: 'integer',
    description: 'Change requests submitted and waiting for approval',
  },
  maliciousPackages: {
    type: 'integer',
    description:
      'Packages the server runs that a malicious-package advisory names',
  },
  vulnerablePackages: {
    type: 'integer',
    description:
      'Packages the server runs at a version a vulnerability advisory affects',
  },
  openCriticalFindings: {
    type: 'integer',
    description: 'Open critical findings imported from scanners and audits',
  },
  openHighFindings: {
    type: 'integer',
    description: 'Open high findings imported from scanners and audits',
  },
  unreviewedToolChanges: {
    type: 'integer',
    description:
      'Tools added, removed or changed since the reviewed baseline, not yet approved',
  },
};

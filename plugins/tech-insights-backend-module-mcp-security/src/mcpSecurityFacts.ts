import { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import {
  AssessmentView,
  ChangeRequestView,
  MaintenanceTaskView,
} from '@mcp-server-operator/plugin-mcp-security-common';

/** The facts this module publishes per MCP server; checks refer to these names. */
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

/** Recommendations still to act on: open, or accepted but not yet implemented. */
const UNRESOLVED = new Set(['open', 'accepted']);

/** One server's facts, from what the mcp-security backend serves for it. */
export function mcpSecurityFacts(
  assessment: AssessmentView,
  maintenance: MaintenanceTaskView[],
  changes: ChangeRequestView[],
): Record<string, number | string> {
  const unresolved = (priority: string) =>
    assessment.recommendations.filter(
      r => r.priority === priority && UNRESOLVED.has(r.status),
    ).length;
  const advisories = assessment.profile.advisories ?? [];
  const packagesOf = (malicious: boolean) =>
    new Set(
      advisories
        .filter(a => a.malicious === malicious)
        .map(a => `${a.package.ecosystem}:${a.package.name}`),
    ).size;
  const findings = assessment.profile.importedFindings ?? [];
  const toolChange = assessment.profile.unreviewedToolChange;
  return {
    riskLevel: assessment.risk.level,
    riskScore: assessment.risk.score,
    residualRiskLevel: assessment.residualRisk.level,
    residualRiskScore: assessment.residualRisk.score,
    trustTier: assessment.trust.tier,
    openP1Recommendations: unresolved('P1'),
    openP2Recommendations: unresolved('P2'),
    overdueMaintenanceTasks: maintenance.filter(t => t.status === 'overdue')
      .length,
    pendingApprovals: changes.filter(c => c.state === 'submitted').length,
    maliciousPackages: packagesOf(true),
    vulnerablePackages: packagesOf(false),
    openCriticalFindings: findings.filter(f => f.severity === 'critical')
      .length,
    openHighFindings: findings.filter(f => f.severity === 'high').length,
    unreviewedToolChanges: toolChange
      ? toolChange.added.length +
        toolChange.removed.length +
        toolChange.changed.length
      : 0,
  };
}

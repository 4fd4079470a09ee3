import {
  AssessmentView,
  ChangeRequestView,
  MaintenanceTaskView,
  RiskLevel,
  TrustTier,
} from '@mcp-server-operator/plugin-mcp-security-common';

/**
 * One MCP server's headline figures.
 *
 * @public
 */
export interface McpSecurityFigures {
  riskLevel: RiskLevel;
  riskScore: number;
  residualRiskLevel: RiskLevel;
  residualRiskScore: number;
  trustTier: TrustTier;
  /** P1 recommendations open or accepted, i.e. neither implemented nor dismissed. */
  openP1Recommendations: number;
  openP2Recommendations: number;
  overdueMaintenanceTasks: number;
  /** Change requests submitted and waiting for votes. */
  pendingApprovals: number;
  /** Distinct packages a malicious-package advisory names. */
  maliciousPackages: number;
  /** Distinct packages run at a version a vulnerability advisory affects. */
  vulnerablePackages: number;
  openCriticalFindings: number;
  openHighFindings: number;
  /** Tools added, removed or changed since the reviewed baseline. */
  unreviewedToolChanges: number;
}

/** Recommendations still to act on: open, or accepted but not yet implemented. */
const UNRESOLVED = new Set(['open', 'accepted']);

/**
 * One server's figures, from what the mcp-security backend serves for it: the
 * facts of the Tech Insights module and the metrics of the Scorecard module.
 *
 * @public
 */
export function mcpSecurityFigures(
  assessment: AssessmentView,
  maintenance: MaintenanceTaskView[],
  changes: ChangeRequestView[],
): McpSecurityFigures {
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

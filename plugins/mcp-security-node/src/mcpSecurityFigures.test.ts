import {
  AdvisoryMatch,
  AssessmentView,
  ChangeRequestView,
  ImportedFinding,
  MaintenanceTaskView,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { mcpSecurityFigures } from './mcpSecurityFigures';

const advisory = (
  advisoryId: string,
  name: string,
  malicious: boolean,
): AdvisoryMatch => ({
  advisoryId,
  aliases: [],
  malicious,
  summary: advisoryId,
  package: { ecosystem: 'npm', name, version: '1.0.16' },
  affectedRange: '>=1.0.16',
  certainty: 'affected',
  reason: `${name}@1.0.16 is affected`,
});

const finding = (severity: ImportedFinding['severity']): ImportedFinding => ({
  sourceTool: 'mcp-scanner',
  ruleId: 'prompt-injection',
  severity,
  title: 'Prompt injection',
  message: 'Tool description asks the model to read ~/.ssh',
  fingerprint: `fp-${severity}`,
});

// Only the parts of an assessment the facts read; the rest is not looked at.
const assessment = {
  risk: { level: 'critical', score: 92, factors: [] },
  residualRisk: { level: 'high', score: 64, reductions: [] },
  trust: { tier: 'unknown', score: 10, signals: [] },
  recommendations: [
    { controlId: 'remove-malicious-package', priority: 'P1', status: 'open' },
    { controlId: 'pin-versions', priority: 'P1', status: 'accepted' },
    { controlId: 'isolate', priority: 'P1', status: 'implemented' },
    { controlId: 'auth', priority: 'P2', status: 'dismissed' },
    { controlId: 'egress', priority: 'P2', status: 'open' },
  ],
  profile: {
    advisories: [
      advisory('MAL-2025-47604', 'postmark-mcp', true),
      advisory('GHSA-1', 'left-pad', false),
      advisory('GHSA-2', 'left-pad', false),
    ],
    importedFindings: [finding('critical'), finding('high'), finding('high')],
    unreviewedToolChange: {
      baselineHash: 'a',
      snapshotHash: 'b',
      added: ['send_email'],
      removed: [],
      changed: ['read_file', 'write_file'],
    },
  },
} as unknown as AssessmentView;

describe('mcpSecurityFigures', () => {
  it('counts what is still to act on, by the rules the checks rely on', () => {
    const maintenance = [
      { taskId: 'a', status: 'overdue' },
      { taskId: 'b', status: 'due-soon' },
    ] as MaintenanceTaskView[];
    const changes = [
      { id: '1', state: 'submitted' },
      { id: '2', state: 'draft' },
      { id: '3', state: 'approved' },
    ] as ChangeRequestView[];
    expect(mcpSecurityFigures(assessment, maintenance, changes)).toEqual({
      riskLevel: 'critical',
      riskScore: 92,
      residualRiskLevel: 'high',
      residualRiskScore: 64,
      trustTier: 'unknown',
      openP1Recommendations: 2,
      openP2Recommendations: 1,
      overdueMaintenanceTasks: 1,
      pendingApprovals: 1,
      maliciousPackages: 1,
      vulnerablePackages: 1,
      openCriticalFindings: 1,
      openHighFindings: 2,
      unreviewedToolChanges: 3,
    });
  });
});

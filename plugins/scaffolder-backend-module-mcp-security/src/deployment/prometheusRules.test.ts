import {
  Capability,
  RiskLevel,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { assessmentOf, npmProfile } from '../__testUtils__/assessments';
import { deploymentPlanOf } from './plan';
import { ruleFileOf } from './prometheusRules';

const destructiveSeverity = (capabilities: Capability[], risk: RiskLevel) =>
  ruleFileOf(
    deploymentPlanOf(assessmentOf(npmProfile({}, { capabilities }), risk)),
  )
    .groups.flatMap(g => g.rules)
    .find(r => r.alert === 'McpServerDestructiveToolCall')?.labels.severity;

describe('McpServerDestructiveToolCall', () => {
  it('is a record, not a page, for a server whose destructive tools are its normal use', () => {
    expect(destructiveSeverity(['database-write'], 'medium')).toBe('info');
  });

  it('warns where the server is elevated or moves money', () => {
    expect(destructiveSeverity(['database-write'], 'critical')).toBe('warning');
    expect(
      destructiveSeverity(
        ['database-write', 'financial-transactions'],
        'medium',
      ),
    ).toBe('warning');
  });
});

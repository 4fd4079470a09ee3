import {
  ApprovalRequirementsPolicy,
  ChangeRequirements,
  ChangeType,
} from './types';
import { RiskLevel, riskLevelSchema } from './vocabulary';

const LEVELS = riskLevelSchema.options;

/** A change's risk: its type's base risk, raised to the server's risk level. */
export function changeRiskLevel(
  baseRisk: RiskLevel,
  serverRisk: RiskLevel,
): RiskLevel {
  return LEVELS[Math.max(LEVELS.indexOf(baseRisk), LEVELS.indexOf(serverRisk))];
}

/**
 * How many approvals, and from which groups, a change needs. Shared so the
 * request form shows exactly what the backend will require.
 */
export function requirementsFor(
  changeType: Pick<ChangeType, 'securityReview'>,
  riskLevel: RiskLevel,
  policy: ApprovalRequirementsPolicy,
): ChangeRequirements {
  const { count, requiredGroups } = policy.approvals[riskLevel];
  const groups = new Set(requiredGroups);
  if (changeType.securityReview) groups.add(policy.securityReviewGroup);
  return { approvals: count, requiredGroups: [...groups].sort() };
}

import {
  ApprovalRequirementsPolicy,
  ChangeRequest,
  ChangeRequirements,
  ChangeType,
  ChangeVote,
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

/** What opening a change involves: its type, its risk and the approvals it needs. */
export interface ChangePlan {
  changeType: ChangeType;
  riskLevel: RiskLevel;
  requirements: ChangeRequirements;
}

/**
 * The plan for a requested change on a server at the given risk, or the
 * problem with the request: an unknown change type, or the emergency path on
 * a type that does not allow it. Shared so a dry run refuses exactly what
 * the backend refuses.
 */
export function planChange(
  request: { changeType: string; emergency?: boolean },
  options: {
    changeTypes: ChangeType[];
    policy: ApprovalRequirementsPolicy;
    serverRisk: RiskLevel;
  },
): ChangePlan | { problem: string } {
  const changeType = options.changeTypes.find(t => t.id === request.changeType);
  if (!changeType) {
    return {
      problem: `changeType: "${
        request.changeType
      }" is not a change type; use one of ${options.changeTypes
        .map(t => t.id)
        .join(', ')}`,
    };
  }
  if (request.emergency && !changeType.emergencyAllowed) {
    return {
      problem: `emergency: ${changeType.title} changes may not use the emergency path`,
    };
  }
  const riskLevel = changeRiskLevel(changeType.baseRisk, options.serverRisk);
  return {
    changeType,
    riskLevel,
    requirements: requirementsFor(changeType, riskLevel, options.policy),
  };
}

/**
 * The round of votes a change is open to now, if any: approval while it is
 * submitted, and the post-implementation review of an emergency change
 * implemented before approval.
 */
export function votePhase(
  change: ChangeRequest,
): ChangeVote['phase'] | undefined {
  if (change.state === 'submitted') return 'approval';
  if (
    change.state === 'implemented' &&
    change.emergency &&
    !change.reviewedAt
  ) {
    return 'post-review';
  }
  return undefined;
}

/** Votes of the current round: a resubmission starts a new approval round, implementation the review. */
export function currentVotes(
  change: ChangeRequest,
  phase: ChangeVote['phase'],
): ChangeVote[] {
  const roundStart =
    phase === 'approval'
      ? change.events.filter(e => e.transition === 'submit').at(-1)?.at
      : change.implementedAt;
  return change.votes.filter(
    v => v.phase === phase && (!roundStart || v.at >= roundStart),
  );
}

/** Whether a user may cast a vote on the change now: an open round, not theirs, not yet voted. */
export function awaitsVoteOf(
  change: ChangeRequest,
  userRef: string | undefined,
): boolean {
  const phase = votePhase(change);
  return (
    !!phase &&
    !!userRef &&
    change.requestedBy !== userRef &&
    !currentVotes(change, phase).some(v => v.voter === userRef)
  );
}

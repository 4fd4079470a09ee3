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

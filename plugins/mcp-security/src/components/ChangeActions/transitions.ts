import {
  awaitsVoteOf,
  ChangeRequestView,
  ChangeTransition,
} from '@mcp-server-operator/plugin-mcp-security-common';

/** What the user may do to a server's changes, from the permission framework, and who they are. */
export interface ChangeAbilities {
  /** The signed-in user's entity ref; undefined while it is being read. */
  userRef?: string;
  /** `mcp-security.change.create`: submit, resubmit and cancel. */
  canCreate: boolean;
  /** `mcp-security.change.approve`: approve, reject, review emergency changes. */
  canApprove: boolean;
  /** `mcp-security.change.implement`: implement, verify, roll back. */
  canImplement: boolean;
}

/**
 * The transitions the user may take on a change now, given its state and
 * their permissions, the most likely first. The backend decides; this only
 * keeps the UI from offering what it would refuse.
 */
export function availableTransitions(
  change: ChangeRequestView,
  abilities: ChangeAbilities,
): ChangeTransition[] {
  const { canCreate, canApprove, canImplement } = abilities;
  const mayVote = canApprove && awaitsVoteOf(change, abilities.userRef);
  const transitions: [ChangeTransition, boolean][] = [];
  switch (change.state) {
    case 'draft':
      transitions.push(['submit', canCreate], ['cancel', canCreate]);
      break;
    case 'submitted':
      transitions.push(
        ['approve', mayVote],
        ['reject', mayVote],
        // An emergency change may be implemented first and reviewed after.
        ['implement', canImplement && change.emergency],
        ['cancel', canCreate],
      );
      break;
    case 'approved':
      transitions.push(
        // An expired approval must be sought again.
        ['implement', canImplement && !change.approvalExpired],
        ['submit', canCreate && change.approvalExpired],
        ['cancel', canCreate],
      );
      break;
    case 'implemented':
      transitions.push(
        // The post-implementation review of an emergency change has no reject.
        ['approve', mayVote],
        // Verifying waits for the review of a change implemented before approval.
        ['verify', canImplement && !(change.reviewDueAt && !change.reviewedAt)],
        ['roll-back', canImplement],
      );
      break;
    default:
      // rejected, verified, rolled back and cancelled changes are closed.
      break;
  }
  return transitions.filter(([, allowed]) => allowed).map(([t]) => t);
}

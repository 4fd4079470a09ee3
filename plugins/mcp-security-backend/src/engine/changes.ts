import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  ChangeRequest,
  ChangeRequestView,
  ChangeTransition,
  ChangeVote,
  currentVotes,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { ApprovalPolicy, durationMs } from '../knowledge/schema';

export function quorumOf(change: ChangeRequest, phase: ChangeVote['phase']) {
  const approvals = currentVotes(change, phase).filter(
    v => v.decision === 'approve',
  );
  const missingGroups = change.requirements.requiredGroups.filter(
    group => !approvals.some(v => v.groups.includes(group)),
  );
  return {
    received: approvals.length,
    missingGroups,
    met:
      approvals.length >= change.requirements.approvals &&
      missingGroups.length === 0,
  };
}

export function changeView(
  change: ChangeRequest,
  now: Date,
): ChangeRequestView {
  const phase =
    change.state === 'implemented' && change.emergency
      ? 'post-review'
      : 'approval';
  const quorum = quorumOf(change, phase);
  return {
    ...change,
    approvalsReceived: quorum.received,
    missingGroups: quorum.missingGroups,
    approvalExpired:
      change.state === 'approved' &&
      !!change.approvalExpiresAt &&
      now.toISOString() > change.approvalExpiresAt,
    reviewOverdue:
      !!change.reviewDueAt &&
      !change.reviewedAt &&
      now.toISOString() > change.reviewDueAt,
  };
}

export interface TransitionContext {
  actor: { userRef: string; groups: string[] };
  comment?: string;
  now: Date;
  policy: ApprovalPolicy;
}

function refuse(change: ChangeRequest, transition: ChangeTransition): never {
  throw new ConflictError(
    `Cannot ${transition} change ${change.id}: it is ${change.state}`,
  );
}

/**
 * The change after one transition, or an error that says why not. Pure: the
 * caller stores the result only if nobody changed the request meanwhile.
 *
 * draft → submitted → approved | rejected → implemented → verified | rolled-back;
 * cancel before implementation; an emergency change may be implemented while
 * submitted and then needs a post-implementation review by its deadline.
 */
export function applyTransition(
  change: ChangeRequest,
  transition: ChangeTransition,
  context: TransitionContext,
): ChangeRequest {
  const { actor, comment, now, policy } = context;
  const at = now.toISOString();
  let next: ChangeRequest = { ...change };

  const vote = (
    decision: ChangeVote['decision'],
    phase: ChangeVote['phase'],
  ) => {
    if (actor.userRef === change.requestedBy) {
      throw new NotAllowedError(
        `${actor.userRef} requested change ${change.id} and cannot ${decision} it`,
      );
    }
    if (currentVotes(change, phase).some(v => v.voter === actor.userRef)) {
      throw new ConflictError(
        `${actor.userRef} has already voted on change ${change.id}`,
      );
    }
    next.votes = [
      ...change.votes,
      {
        voter: actor.userRef,
        decision,
        phase,
        ...(comment ? { comment } : {}),
        groups: actor.groups,
        at,
      },
    ];
  };

  switch (transition) {
    case 'submit': {
      const expired =
        change.state === 'approved' && changeView(change, now).approvalExpired;
      if (change.state !== 'draft' && !expired) refuse(change, transition);
      if (!change.rollbackPlan.trim()) {
        throw new InputError(
          'rollbackPlan: a rollback plan is required to submit a change',
        );
      }
      next = {
        ...next,
        state: 'submitted',
        approvedAt: undefined,
        approvalExpiresAt: undefined,
      };
      break;
    }
    case 'approve': {
      if (change.state === 'submitted') {
        vote('approve', 'approval');
        if (quorumOf(next, 'approval').met) {
          next = {
            ...next,
            state: 'approved',
            approvedAt: at,
            approvalExpiresAt: new Date(
              now.getTime() + durationMs(policy.approvalExpiry),
            ).toISOString(),
          };
        }
      } else if (
        change.state === 'implemented' &&
        change.emergency &&
        !change.reviewedAt
      ) {
        vote('approve', 'post-review');
        if (quorumOf(next, 'post-review').met)
          next = { ...next, reviewedAt: at };
      } else {
        refuse(change, transition);
      }
      break;
    }
    case 'reject': {
      if (change.state !== 'submitted') refuse(change, transition);
      if (!comment)
        throw new InputError(
          'comment: a reason is required to reject a change',
        );
      vote('reject', 'approval');
      next = { ...next, state: 'rejected' };
      break;
    }
    case 'implement': {
      if (change.state === 'approved') {
        if (changeView(change, now).approvalExpired) {
          throw new ConflictError(
            `The approval of change ${change.id} expired at ${change.approvalExpiresAt}; submit it again`,
          );
        }
      } else if (!(change.state === 'submitted' && change.emergency)) {
        refuse(change, transition);
      }
      next = {
        ...next,
        state: 'implemented',
        implementedAt: at,
        ...(change.state === 'submitted'
          ? {
              reviewDueAt: new Date(
                now.getTime() + durationMs(policy.emergencyReviewWindow),
              ).toISOString(),
            }
          : {}),
      };
      break;
    }
    case 'verify': {
      if (change.state !== 'implemented') refuse(change, transition);
      if (change.reviewDueAt && !change.reviewedAt) {
        throw new ConflictError(
          `Emergency change ${change.id} needs its post-implementation review before it can be verified`,
        );
      }
      next = { ...next, state: 'verified' };
      break;
    }
    case 'roll-back': {
      if (change.state !== 'implemented') refuse(change, transition);
      next = { ...next, state: 'rolled-back' };
      break;
    }
    case 'cancel': {
      if (!['draft', 'submitted', 'approved'].includes(change.state))
        refuse(change, transition);
      next = { ...next, state: 'cancelled' };
      break;
    }
    default:
      throw new InputError(`Unknown transition ${transition}`);
  }

  return {
    ...next,
    version: change.version + 1,
    updatedAt: at,
    events: [
      ...change.events,
      {
        transition,
        from: change.state,
        to: next.state,
        actor: actor.userRef,
        ...(comment ? { comment } : {}),
        at,
      },
    ],
  };
}

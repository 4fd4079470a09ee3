import { parseEntityRef } from '@backstage/catalog-model';
import {
  ChangeRequestView,
  votePhase,
} from '@mcp-server-operator/plugin-mcp-security-common';

function approvalsNoun(count: number, review: boolean) {
  return `${review ? 'review ' : ''}approval${count === 1 ? '' : 's'}`;
}

/**
 * How far a change is with its approvals, as the backend counts them: "needs
 * 2 approvals" for a draft, "1 of 2 approvals" while it is submitted or
 * approved, "0 of 1 review approvals" for an emergency change implemented
 * before approval. Undefined once approvals no longer matter.
 */
export function approvalProgress(
  change: ChangeRequestView,
): string | undefined {
  const { approvals } = change.requirements;
  if (change.state === 'draft') {
    return `needs ${approvals} ${approvalsNoun(approvals, false)}`;
  }
  const review = change.state === 'implemented' && change.emergency;
  if (change.state === 'submitted' || change.state === 'approved' || review) {
    return `${change.approvalsReceived} of ${approvals} ${approvalsNoun(
      approvals,
      review,
    )}`;
  }
  return undefined;
}

/** Whether the change still waits for votes, so that missing groups matter. */
export function awaitsVotes(change: ChangeRequestView): boolean {
  return votePhase(change) !== undefined;
}

/** `group:default/security-team` → `security-team`, for text where a link does not fit. */
export function groupName(ref: string): string {
  return parseEntityRef(ref).name;
}

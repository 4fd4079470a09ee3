import { approvedOnceBySam, changeOf } from '../../__testUtils__/changes';
import {
  awaitsVoteOf,
  currentVotes,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { availableTransitions, ChangeAbilities } from './transitions';

const alice = 'user:default/alice';
const sam = 'user:default/sam';
const jordan = 'user:default/jordan';

const everything = { canCreate: true, canApprove: true, canImplement: true };
const owner = { canCreate: true, canApprove: false, canImplement: true };
const approver = { canCreate: false, canApprove: true, canImplement: false };

function as(userRef: string, abilities: Omit<ChangeAbilities, 'userRef'>) {
  return { userRef, ...abilities };
}

describe('availableTransitions', () => {
  it('lets the requester submit or cancel a draft', () => {
    const draft = changeOf({ state: 'draft', version: 1 });
    expect(availableTransitions(draft, as(alice, owner))).toEqual([
      'submit',
      'cancel',
    ]);
    expect(availableTransitions(draft, as(sam, approver))).toEqual([]);
  });

  it('offers approve and reject to an approver who did not request the change', () => {
    const change = changeOf();
    expect(availableTransitions(change, as(sam, approver))).toEqual([
      'approve',
      'reject',
    ]);
  });

  it('never offers a vote on their own change to the requester, whatever their permissions', () => {
    const change = changeOf({ requestedBy: sam });
    expect(availableTransitions(change, as(sam, everything))).toEqual([
      'cancel',
    ]);
  });

  it('offers no second vote in the same round', () => {
    const change = approvedOnceBySam();
    expect(availableTransitions(change, as(sam, approver))).toEqual([]);
    expect(availableTransitions(change, as(jordan, approver))).toEqual([
      'approve',
      'reject',
    ]);
  });

  it('counts a vote from before a resubmission as a past round', () => {
    const voted = approvedOnceBySam();
    const resubmitted = {
      ...voted,
      events: [
        ...voted.events,
        {
          transition: 'submit' as const,
          from: 'approved' as const,
          to: 'submitted' as const,
          actor: alice,
          at: '2026-12-20T10:00:00.000Z',
        },
      ],
    };
    expect(currentVotes(resubmitted, 'approval')).toEqual([]);
    expect(awaitsVoteOf(resubmitted, sam)).toBe(true);
  });

  it('offers nothing to vote on while the user is not known yet', () => {
    expect(awaitsVoteOf(changeOf(), undefined)).toBe(false);
  });

  it('lets an emergency change be implemented while submitted', () => {
    expect(
      availableTransitions(changeOf({ emergency: true }), as(alice, owner)),
    ).toEqual(['implement', 'cancel']);
    expect(availableTransitions(changeOf(), as(alice, owner))).toEqual([
      'cancel',
    ]);
  });

  it('implements an approved change, or resubmits it once its approval expired', () => {
    const approved = changeOf({ state: 'approved' });
    expect(availableTransitions(approved, as(alice, owner))).toEqual([
      'implement',
      'cancel',
    ]);
    const expired = changeOf({ state: 'approved', approvalExpired: true });
    expect(availableTransitions(expired, as(alice, owner))).toEqual([
      'submit',
      'cancel',
    ]);
  });

  it('verifies or rolls back an implemented change', () => {
    const implemented = changeOf({ state: 'implemented' });
    expect(availableTransitions(implemented, as(alice, owner))).toEqual([
      'verify',
      'roll-back',
    ]);
    expect(availableTransitions(implemented, as(sam, approver))).toEqual([]);
  });

  it('asks for the review of an emergency change before it can be verified', () => {
    const emergency = changeOf({
      state: 'implemented',
      emergency: true,
      implementedAt: '2026-11-20T12:00:00.000Z',
      reviewDueAt: '2026-11-22T12:00:00.000Z',
    });
    expect(availableTransitions(emergency, as(alice, owner))).toEqual([
      'roll-back',
    ]);
    expect(availableTransitions(emergency, as(sam, approver))).toEqual([
      'approve',
    ]);
    const reviewed = { ...emergency, reviewedAt: '2026-11-21T09:00:00.000Z' };
    expect(availableTransitions(reviewed, as(alice, owner))).toEqual([
      'verify',
      'roll-back',
    ]);
    expect(availableTransitions(reviewed, as(sam, approver))).toEqual([]);
  });

  it.each(['rejected', 'verified', 'rolled-back', 'cancelled'] as const)(
    'offers nothing on a %s change',
    state => {
      expect(
        availableTransitions(changeOf({ state }), as(jordan, everything)),
      ).toEqual([]);
    },
  );
});

import { ChangeRequest } from '@mcp-server-operator/plugin-mcp-security-common';
import { builtinKnowledge } from '../__testUtils__/knowledge';
import { ApprovalPolicy } from '../knowledge/schema';
import {
  changeRiskLevel,
  requirementsFor,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { applyTransition, changeView, TransitionContext } from './changes';

const SECURITY = 'group:default/security-team';
const alice = {
  userRef: 'user:default/alice',
  groups: ['group:default/developer-experience'],
};
const bob = {
  userRef: 'user:default/bob',
  groups: ['group:default/data-team'],
};
const sam = { userRef: 'user:default/sam', groups: [SECURITY] };
const jordan = {
  userRef: 'user:default/jordan',
  groups: [SECURITY, 'group:default/platform-team'],
};

let policy: ApprovalPolicy;
beforeAll(async () => {
  policy = (await builtinKnowledge()).approvalPolicy;
});

const t0 = new Date('2026-11-21T10:00:00.000Z');
const later = (hours: number) => new Date(t0.getTime() + hours * 3600_000);

function draft(overrides: Partial<ChangeRequest> = {}): ChangeRequest {
  return {
    id: 'c1',
    entityRef: 'api:default/fs',
    changeType: 'code-deployment',
    title: 'Upgrade to 0.7.0',
    description: 'New version',
    rollbackPlan: 'Redeploy 0.6.3',
    emergency: false,
    riskLevel: 'high',
    requirements: { approvals: 2, requiredGroups: [SECURITY] },
    state: 'draft',
    version: 1,
    requestedBy: alice.userRef,
    createdAt: t0.toISOString(),
    updatedAt: t0.toISOString(),
    votes: [],
    events: [],
    ...overrides,
  };
}

const ctx = (
  actor: TransitionContext['actor'],
  now = t0,
  comment?: string,
): TransitionContext => ({
  actor,
  now,
  policy,
  comment,
});

describe('change risk and requirements', () => {
  it('raises the type’s base risk to the server’s risk level', () => {
    expect(changeRiskLevel('low', 'high')).toBe('high');
    expect(changeRiskLevel('critical', 'low')).toBe('critical');
  });

  it('asks more approvals, including the security team, as risk grows', async () => {
    const { changeTypes } = await builtinKnowledge();
    const dependency = changeTypes.find(c => c.id === 'dependency-update')!;
    expect(requirementsFor(dependency, 'low', policy)).toEqual({
      approvals: 1,
      requiredGroups: [],
    });
    expect(requirementsFor(dependency, 'critical', policy)).toEqual({
      approvals: 2,
      requiredGroups: [SECURITY],
    });
    const config = changeTypes.find(c => c.id === 'configuration-change')!;
    expect(requirementsFor(config, 'low', policy).requiredGroups).toEqual([
      SECURITY,
    ]);
  });
});

describe('applyTransition', () => {
  it('needs a rollback plan to submit', () => {
    expect(() =>
      applyTransition(draft({ rollbackPlan: ' ' }), 'submit', ctx(alice)),
    ).toThrow('rollbackPlan: a rollback plan is required to submit a change');
  });

  it('never lets the requester approve or reject their own change', () => {
    const submitted = applyTransition(draft(), 'submit', ctx(alice));
    expect(() => applyTransition(submitted, 'approve', ctx(alice))).toThrow(
      'user:default/alice requested change c1 and cannot approve it',
    );
    expect(() =>
      applyTransition(submitted, 'reject', ctx(alice, t0, 'no')),
    ).toThrow(/cannot reject/);
  });

  it('counts one vote per person and approves only at quorum with the required group', () => {
    let change = applyTransition(draft(), 'submit', ctx(alice));
    change = applyTransition(change, 'approve', ctx(bob));
    expect(change.state).toBe('submitted');
    expect(() => applyTransition(change, 'approve', ctx(bob))).toThrow(
      /already voted/,
    );

    // Two approvals, but neither from the security team: not yet.
    const withoutSecurity = applyTransition(
      change,
      'approve',
      ctx({
        userRef: 'user:default/carol',
        groups: ['group:default/payments-team'],
      }),
    );
    expect(withoutSecurity.state).toBe('submitted');
    expect(changeView(withoutSecurity, t0)).toMatchObject({
      approvalsReceived: 2,
      missingGroups: [SECURITY],
    });

    const approved = applyTransition(change, 'approve', ctx(sam, later(1)));
    expect(approved).toMatchObject({
      state: 'approved',
      approvedAt: later(1).toISOString(),
      approvalExpiresAt: new Date(
        later(1).getTime() + 14 * 24 * 3600_000,
      ).toISOString(),
      version: 4,
    });
    expect(
      approved.events.map(e => [e.transition, e.from, e.to, e.actor]),
    ).toEqual([
      ['submit', 'draft', 'submitted', alice.userRef],
      ['approve', 'submitted', 'submitted', bob.userRef],
      ['approve', 'submitted', 'approved', sam.userRef],
    ]);
  });

  it('needs a comment to reject', () => {
    const submitted = applyTransition(draft(), 'submit', ctx(alice));
    expect(() => applyTransition(submitted, 'reject', ctx(sam))).toThrow(
      'comment: a reason is required to reject a change',
    );
    expect(
      applyTransition(submitted, 'reject', ctx(sam, t0, 'No rollback test'))
        .state,
    ).toBe('rejected');
  });

  it('refuses to implement an expired approval, and a resubmission needs new votes', () => {
    let change = applyTransition(
      draft({ requirements: { approvals: 1, requiredGroups: [] } }),
      'submit',
      ctx(alice),
    );
    change = applyTransition(change, 'approve', ctx(bob));
    const fifteenDays = later(15 * 24);
    expect(changeView(change, fifteenDays).approvalExpired).toBe(true);
    expect(() =>
      applyTransition(change, 'implement', ctx(alice, fifteenDays)),
    ).toThrow(/expired/);

    const resubmitted = applyTransition(
      change,
      'submit',
      ctx(alice, fifteenDays),
    );
    expect(resubmitted.state).toBe('submitted');
    expect(changeView(resubmitted, fifteenDays).approvalsReceived).toBe(0);
    const again = applyTransition(
      resubmitted,
      'approve',
      ctx(bob, later(15 * 24 + 1)),
    );
    expect(again.state).toBe('approved');
  });

  it('lets an emergency change be implemented first, with a review due by the deadline', () => {
    let change = applyTransition(
      draft({ emergency: true }),
      'submit',
      ctx(alice),
    );
    change = applyTransition(change, 'implement', ctx(alice, later(1)));
    expect(change).toMatchObject({
      state: 'implemented',
      reviewDueAt: later(49).toISOString(),
    });
    expect(() =>
      applyTransition(change, 'verify', ctx(alice, later(2))),
    ).toThrow(/post-implementation review/);
    expect(changeView(change, later(50)).reviewOverdue).toBe(true);

    change = applyTransition(change, 'approve', ctx(bob, later(3)));
    change = applyTransition(change, 'approve', ctx(jordan, later(4)));
    expect(change.reviewedAt).toBe(later(4).toISOString());
    expect(changeView(change, later(50)).reviewOverdue).toBe(false);
    expect(applyTransition(change, 'verify', ctx(alice, later(5))).state).toBe(
      'verified',
    );
  });

  it('refuses transitions the state does not allow', () => {
    expect(() => applyTransition(draft(), 'implement', ctx(alice))).toThrow(
      'Cannot implement change c1: it is draft',
    );
    const rolledBack = { ...draft(), state: 'rolled-back' as const };
    expect(() => applyTransition(rolledBack, 'cancel', ctx(alice))).toThrow(
      /it is rolled-back/,
    );
  });
});

import { ApprovalRequirementsPolicy, ChangeType } from './types';
import { planChange } from './changes';

const deployment: ChangeType = {
  id: 'code-deployment',
  title: 'Code deployment',
  description: 'A new version of the server',
  baseRisk: 'medium',
  securityReview: true,
  emergencyAllowed: false,
};

const policy: ApprovalRequirementsPolicy = {
  approvals: {
    low: { count: 1, requiredGroups: [] },
    medium: { count: 1, requiredGroups: [] },
    high: { count: 2, requiredGroups: ['group:default/platform'] },
    critical: { count: 2, requiredGroups: ['group:default/platform'] },
  },
  securityReviewGroup: 'group:default/security-team',
};

const options = {
  changeTypes: [deployment],
  policy,
  serverRisk: 'high' as const,
};

describe('planChange', () => {
  it('raises the type’s risk to the server’s and adds the security review group', () => {
    expect(planChange({ changeType: 'code-deployment' }, options)).toEqual({
      changeType: deployment,
      riskLevel: 'high',
      requirements: {
        approvals: 2,
        requiredGroups: [
          'group:default/platform',
          'group:default/security-team',
        ],
      },
    });
  });

  it('names an unknown change type and the known ones', () => {
    expect(planChange({ changeType: 'teleport' }, options)).toEqual({
      problem:
        'changeType: "teleport" is not a change type; use one of code-deployment',
    });
  });

  it('refuses the emergency path where the type does not allow it', () => {
    expect(
      planChange({ changeType: 'code-deployment', emergency: true }, options),
    ).toEqual({
      problem:
        'emergency: Code deployment changes may not use the emergency path',
    });
  });
});

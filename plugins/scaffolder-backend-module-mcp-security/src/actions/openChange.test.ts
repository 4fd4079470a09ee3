import { NotAllowedError, ConflictError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  ApprovalRequirementsPolicy,
  ChangeRequestView,
  ChangeType,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { createOpenChangeAction } from './openChange';

const input = {
  entityRef: 'api:default/filesystem',
  changeType: 'code-deployment',
  title: 'Deploy filesystem in a container',
  description: 'Read-only container with /srv/shared mounted.',
  rollbackPlan: 'kubectl apply the previous manifest.',
  plannedStart: '2026-03-02T09:00:00Z',
};

function change(fields: Partial<ChangeRequestView>): ChangeRequestView {
  return {
    id: 'c-1',
    version: 1,
    state: 'draft',
    riskLevel: 'high',
    requirements: {
      approvals: 2,
      requiredGroups: ['group:default/security-team'],
    },
    ...fields,
  } as ChangeRequestView;
}

const changeTypes: ChangeType[] = [
  {
    id: 'code-deployment',
    title: 'Code deployment',
    description: 'A new version',
    baseRisk: 'medium',
    securityReview: true,
    emergencyAllowed: false,
  },
];
const policy = {
  securityReviewGroup: 'group:default/security-team',
  approvals: {
    low: { count: 1, requiredGroups: [] },
    medium: { count: 1, requiredGroups: [] },
    high: { count: 2, requiredGroups: [] },
    critical: { count: 2, requiredGroups: ['group:default/security-team'] },
  },
} as unknown as ApprovalRequirementsPolicy;

/** The action's outputs, one `ctx.output` call each. */
function expectOutputs(
  ctx: ReturnType<typeof createMockActionContext>,
  outputs: Record<string, unknown>,
) {
  for (const [name, value] of Object.entries(outputs)) {
    expect(ctx.output).toHaveBeenCalledWith(name, value);
  }
}

describe('mcp-security:open-change', () => {
  const client = {
    getChangeTypes: jest.fn(),
    getAssessment: jest.fn(),
    createChange: jest.fn(),
    transitionChange: jest.fn(),
  };
  const action = createOpenChangeAction({ client });

  beforeEach(() => {
    jest.resetAllMocks();
    client.createChange.mockResolvedValue(change({}));
    client.transitionChange.mockResolvedValue(
      change({ state: 'submitted', version: 2 }),
    );
    client.getChangeTypes.mockResolvedValue({ items: changeTypes, policy });
    client.getAssessment.mockResolvedValue({ risk: { level: 'high' } });
  });

  it("opens the change with the initiator's credentials and submits the version it got back", async () => {
    const ctx = createMockActionContext({ input });
    const credentials = await ctx.getInitiatorCredentials();
    await action.handler(ctx);

    expect(client.createChange).toHaveBeenCalledWith(
      'api:default/filesystem',
      {
        changeType: 'code-deployment',
        title: input.title,
        description: input.description,
        rollbackPlan: input.rollbackPlan,
        plannedStart: input.plannedStart,
        emergency: false,
      },
      credentials,
    );
    expect(client.transitionChange).toHaveBeenCalledWith(
      'c-1',
      'submit',
      { version: 1 },
      credentials,
    );
    expectOutputs(ctx, {
      changeId: 'c-1',
      state: 'submitted',
      riskLevel: 'high',
      approvalsRequired: 2,
      requiredGroups: ['group:default/security-team'],
    });
  });

  it('leaves a draft when submit is false', async () => {
    const ctx = createMockActionContext({ input: { ...input, submit: false } });
    await action.handler(ctx);
    expect(client.transitionChange).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith('state', 'draft');
  });

  it("lets the backend's refusal through for a user who may not change the server", async () => {
    client.createChange.mockRejectedValue(
      new NotAllowedError('You may not create change requests on this server'),
    );
    const ctx = createMockActionContext({ input });
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'You may not create change requests on this server',
    });
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('says which draft exists when submitting it fails', async () => {
    client.transitionChange.mockRejectedValue(new ConflictError('stale'));
    await expect(
      action.handler(createMockActionContext({ input })),
    ).rejects.toThrow(
      'Change c-1 was opened as a draft but could not be submitted; caused by ConflictError: stale',
    );
  });

  describe('in a dry run', () => {
    const dryRun = (fields: object = {}) => ({
      ...createMockActionContext({ input: { ...input, ...fields } }),
      isDryRun: true,
    });

    it('creates nothing and says what would be opened, at the risk the backend would give it', async () => {
      const ctx = dryRun();
      await action.handler(ctx);
      expect(client.createChange).not.toHaveBeenCalled();
      expect(client.transitionChange).not.toHaveBeenCalled();
      expect(client.getAssessment).toHaveBeenCalledWith(
        'api:default/filesystem',
        await ctx.getInitiatorCredentials(),
      );
      // code-deployment is medium at base, raised to the server's high risk;
      // it needs a security review.
      expectOutputs(ctx, {
        changeId: '',
        state: 'submitted',
        riskLevel: 'high',
        approvalsRequired: 2,
        requiredGroups: ['group:default/security-team'],
      });
    });

    it('refuses a change type the knowledge base does not have, listing those it has', async () => {
      await expect(
        action.handler(dryRun({ changeType: 'new-deployment' })),
      ).rejects.toMatchObject({
        name: 'InputError',
        message:
          'changeType: "new-deployment" is not a change type; use one of code-deployment',
      });
    });

    it('says what a dry run cannot check: whether the user may open the change', async () => {
      const ctx = dryRun();
      const info = jest.spyOn(ctx.logger, 'info');
      await action.handler(ctx);
      expect(info).toHaveBeenCalledWith(
        expect.stringMatching(/Not checked: whether you may open changes/),
      );
    });

    it.each([
      [
        { emergency: true },
        /^emergency: Code deployment changes may not use the emergency path/,
      ],
      [
        { plannedEnd: '2026-03-01T09:00:00Z' },
        /^plannedEnd: must not be before plannedStart/,
      ],
      [{ plannedStart: 'next Tuesday' }, /^plannedStart: /],
      [{ rollbackPlan: '  ' }, /^rollbackPlan: a rollback plan is required/],
      [{ title: '' }, /^title: /],
    ])(
      'refuses %j as the backend would, naming the field',
      async (fields, message) => {
        const ctx = dryRun(fields);
        const error = await action.handler(ctx).catch(e => e);
        expect(error).toMatchObject({ name: 'InputError' });
        expect(error.message).toMatch(message);
        expect(ctx.output).not.toHaveBeenCalled();
      },
    );

    it('lets a draft go without a rollback plan, which only submitting needs', async () => {
      const ctx = dryRun({ rollbackPlan: '', submit: false });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('state', 'draft');
    });
  });

  it('opens no draft that could not be submitted for want of a rollback plan', async () => {
    await expect(
      action.handler(
        createMockActionContext({ input: { ...input, rollbackPlan: '' } }),
      ),
    ).rejects.toThrow(/^rollbackPlan: a rollback plan is required/);
    expect(client.createChange).not.toHaveBeenCalled();
  });
});

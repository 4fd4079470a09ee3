import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ChangeService } from '../service/ChangeService';
import { createRequestChangeAction } from './createRequestChangeAction';

const input = {
  entityRef: 'filesystem',
  changeType: 'dependency-update',
  title: 'Bump',
  description: 'Monthly',
  rollbackPlan: 'Redeploy',
};

describe('createRequestChangeAction', () => {
  function setUp() {
    const createAndSubmit = jest.fn().mockResolvedValue({
      id: 'c1',
      state: 'submitted',
      riskLevel: 'high',
      requirements: {
        approvals: 2,
        requiredGroups: ['group:default/security-team'],
      },
    });
    const actionsRegistry = actionsRegistryServiceMock();
    createRequestChangeAction({
      actionsRegistry,
      changes: { createAndSubmit } as unknown as ChangeService,
    });
    return { actionsRegistry, createAndSubmit };
  }

  it('creates and submits the change in one step as the calling user', async () => {
    const { actionsRegistry, createAndSubmit } = setUp();
    const credentials = mockCredentials.user('user:default/alice');
    const { output } = await actionsRegistry.invoke({
      id: 'test:request-change',
      input,
      credentials,
    });
    expect(createAndSubmit).toHaveBeenCalledWith(
      { kind: 'api', namespace: 'default', name: 'filesystem' },
      expect.objectContaining({
        changeType: 'dependency-update',
        rollbackPlan: 'Redeploy',
        emergency: false,
      }),
      credentials,
    );
    expect(output).toEqual({
      id: 'c1',
      state: 'submitted',
      riskLevel: 'high',
      approvalsRequired: 2,
      requiredGroups: ['group:default/security-team'],
    });
  });

  it('refuses an unknown field by name, as the HTTP route does', async () => {
    const { actionsRegistry, createAndSubmit } = setUp();
    await expect(
      actionsRegistry.invoke({
        id: 'test:request-change',
        input: { ...input, state: 'approved' },
        credentials: mockCredentials.user(),
      }),
    ).rejects.toThrow(/state/);
    expect(createAndSubmit).not.toHaveBeenCalled();
  });

  it('refuses service principals, which the permission client would wave through', async () => {
    const { actionsRegistry, createAndSubmit } = setUp();
    await expect(
      actionsRegistry.invoke({
        id: 'test:request-change',
        input,
        credentials: mockCredentials.service(),
      }),
    ).rejects.toThrow('Only users may request changes');
    expect(createAndSubmit).not.toHaveBeenCalled();
  });
});

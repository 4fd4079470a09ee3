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
    const create = jest.fn().mockResolvedValue({ id: 'c1', version: 1 });
    const transition = jest.fn().mockResolvedValue({
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
      changes: { create, transition } as unknown as ChangeService,
    });
    return { actionsRegistry, create, transition };
  }

  it('creates and submits the change as the calling user', async () => {
    const { actionsRegistry, create, transition } = setUp();
    const credentials = mockCredentials.user('user:default/alice');
    const { output } = await actionsRegistry.invoke({
      id: 'test:request-change',
      input,
      credentials,
    });
    expect(create).toHaveBeenCalledWith(
      { kind: 'api', namespace: 'default', name: 'filesystem' },
      expect.objectContaining({
        changeType: 'dependency-update',
        rollbackPlan: 'Redeploy',
        emergency: false,
      }),
      credentials,
    );
    expect(transition).toHaveBeenCalledWith(
      'c1',
      'submit',
      { version: 1 },
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

  it('refuses service principals, which the permission client would wave through', async () => {
    const { actionsRegistry, create } = setUp();
    await expect(
      actionsRegistry.invoke({
        id: 'test:request-change',
        input,
        credentials: mockCredentials.service(),
      }),
    ).rejects.toThrow('Only users may request changes');
    expect(create).not.toHaveBeenCalled();
  });
});

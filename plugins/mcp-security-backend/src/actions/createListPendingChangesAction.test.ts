import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ChangeService } from '../service/ChangeService';
import { createListPendingChangesAction } from './createListPendingChangesAction';

describe('createListPendingChangesAction', () => {
  it('lists submitted changes, or those awaiting the caller’s vote', async () => {
    const list = jest.fn().mockResolvedValue([
      {
        id: 'c1',
        entityRef: 'api:default/fs',
        title: 'Bump',
        changeType: 'dependency-update',
        riskLevel: 'high',
        state: 'submitted',
        emergency: false,
        requestedBy: 'user:default/alice',
        approvalsReceived: 1,
        requirements: { approvals: 2, requiredGroups: [] },
        missingGroups: ['group:default/security-team'],
        reviewOverdue: false,
      },
    ]);
    const actionsRegistry = actionsRegistryServiceMock();
    createListPendingChangesAction({
      actionsRegistry,
      changes: { list } as unknown as ChangeService,
    });
    const credentials = mockCredentials.user('user:default/sam');
    const { output } = await actionsRegistry.invoke({
      id: 'test:list-pending-changes',
      input: { mine: true },
      credentials,
    });
    expect(list).toHaveBeenCalledWith(
      {
        states: ['submitted'],
        entityRef: undefined,
        awaitingMyVote: true,
        limit: 200,
      },
      credentials,
    );
    expect((output as any).changes).toEqual([
      expect.objectContaining({
        id: 'c1',
        approvalsReceived: 1,
        approvalsRequired: 2,
      }),
    ]);
  });
});

import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AssessmentService } from '../service/AssessmentService';
import { MaintenanceService } from '../service/MaintenanceService';
import { createGetMaintenanceDueAction } from './createGetMaintenanceDueAction';

const DAY = 24 * 60 * 60 * 1000;
const task = (taskId: string, inDays: number, status: string) => ({
  taskId,
  title: taskId,
  area: 'operations',
  cadence: 'weekly',
  rationale: 'r',
  procedure: ['do it'],
  evidence: 'what you saw',
  firstAppliedAt: new Date(Date.now() - 30 * DAY).toISOString(),
  nextDueAt: new Date(Date.now() + inDays * DAY).toISOString(),
  status,
});

describe('createGetMaintenanceDueAction', () => {
  it('returns the overdue tasks and those due within the window', async () => {
    const actionsRegistry = actionsRegistryServiceMock();
    const list = jest
      .fn()
      .mockResolvedValue([
        task('late', -2, 'overdue'),
        task('soon', 3, 'due-soon'),
        task('later', 40, 'upcoming'),
      ]);
    createGetMaintenanceDueAction({
      actionsRegistry,
      assessments: {
        getAssessment: jest
          .fn()
          .mockResolvedValue({ entityRef: 'api:default/fs' }),
      } as unknown as AssessmentService,
      maintenance: { list } as unknown as MaintenanceService,
    });
    const { output } = await actionsRegistry.invoke({
      id: 'test:get-maintenance-due',
      input: { entityRef: 'api:default/fs', withinDays: 7 },
      credentials: mockCredentials.user(),
    });
    expect(list).toHaveBeenCalledWith('api:default/fs');
    expect((output as any).tasks.map((t: any) => [t.taskId, t.status])).toEqual(
      [
        ['late', 'overdue'],
        ['soon', 'due-soon'],
      ],
    );
  });
});

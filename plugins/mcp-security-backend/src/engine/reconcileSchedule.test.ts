import { ScheduledTask } from '../database/McpSecurityStore';
import { reconcileSchedule } from './reconcileSchedule';

const now = new Date('2026-11-21T10:00:00.000Z');
const entityRef = 'api:default/fs';
const ownerRef = 'group:default/team-a';

function task(overrides: Partial<ScheduledTask>): ScheduledTask {
  return {
    entityRef,
    taskId: 'review-access',
    cadence: 'monthly',
    ownerRef,
    active: true,
    firstAppliedAt: new Date('2026-10-01T00:00:00.000Z'),
    nextDueAt: new Date('2026-11-01T00:00:00.000Z'),
    ...overrides,
  };
}

describe('reconcileSchedule', () => {
  it('starts a cycle now for a task new to the plan', () => {
    expect(
      reconcileSchedule({
        entityRef,
        ownerRef,
        plan: [{ taskId: 'scan', cadence: 'weekly' }],
        existing: [],
        now,
      }),
    ).toEqual([
      {
        entityRef,
        taskId: 'scan',
        cadence: 'weekly',
        ownerRef,
        active: true,
        firstAppliedAt: now,
        lastCompletedAt: undefined,
        nextDueAt: new Date('2026-11-28T10:00:00.000Z'),
      },
    ]);
  });

  it('changes nothing when the plan and owner are unchanged', () => {
    expect(
      reconcileSchedule({
        entityRef,
        ownerRef,
        plan: [{ taskId: 'review-access', cadence: 'monthly' }],
        existing: [task({})],
        now,
      }),
    ).toEqual([]);
  });

  it('follows a tighter cadence from the last completion, and lets the new cycle notify', () => {
    const [changed] = reconcileSchedule({
      entityRef,
      ownerRef,
      plan: [{ taskId: 'review-access', cadence: 'weekly' }],
      existing: [
        task({
          lastCompletedAt: new Date('2026-11-15T09:00:00.000Z'),
          nextDueAt: new Date('2026-12-15T09:00:00.000Z'),
          notifiedOverdueAt: new Date('2026-11-02T00:00:00.000Z'),
        }),
      ],
      now,
    });
    expect(changed).toMatchObject({
      cadence: 'weekly',
      nextDueAt: new Date('2026-11-22T09:00:00.000Z'),
      notifiedOverdueAt: undefined,
    });
  });

  it('retires tasks the plan dropped, and restarts them if they apply again', () => {
    const [retired] = reconcileSchedule({
      entityRef,
      ownerRef,
      plan: [],
      existing: [task({})],
      now,
    });
    expect(retired).toMatchObject({
      active: false,
      retiredAt: now,
      taskId: 'review-access',
    });

    const later = new Date('2027-01-10T00:00:00.000Z');
    const [restarted] = reconcileSchedule({
      entityRef,
      ownerRef,
      plan: [{ taskId: 'review-access', cadence: 'monthly' }],
      existing: [retired],
      now: later,
    });
    expect(restarted).toMatchObject({
      active: true,
      firstAppliedAt: later,
      nextDueAt: new Date('2027-02-10T00:00:00.000Z'),
    });
    expect(restarted.retiredAt).toBeUndefined();
  });

  it('moves the owner with the server', () => {
    const [changed] = reconcileSchedule({
      entityRef,
      ownerRef: 'group:default/team-b',
      plan: [{ taskId: 'review-access', cadence: 'monthly' }],
      existing: [task({})],
      now,
    });
    expect(changed).toMatchObject({
      ownerRef: 'group:default/team-b',
      nextDueAt: task({}).nextDueAt,
    });
  });
});

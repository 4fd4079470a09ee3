import { MaintenanceTaskView } from '@mcp-server-operator/plugin-mcp-security-common';
import { dueDays } from './schedule';

function taskOf(
  task: Pick<MaintenanceTaskView, 'taskId' | 'cadence' | 'nextDueAt'>,
): MaintenanceTaskView {
  return {
    title: task.taskId,
    area: 'operations',
    rationale: '',
    procedure: [],
    evidence: '',
    firstAppliedAt: '2026-01-01T00:00:00.000Z',
    status: 'upcoming',
    ...task,
  };
}

describe('dueDays', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const now = new Date('2026-11-20T12:00:00.000Z');
  const inDays = (days: number) =>
    new Date(now.getTime() + days * DAY).toISOString();

  it('repeats each task at its cadence within the window', () => {
    const weekly = taskOf({
      taskId: 'weekly',
      cadence: 'weekly',
      nextDueAt: inDays(5),
    });

    const days = dueDays([weekly], now, 90);

    expect(days.map(d => d.occurrences[0].dueAt.toISOString())).toEqual(
      Array.from({ length: 13 }, (_, i) => inDays(5 + 7 * i)),
    );
  });

  it('leaves out the past cycles of an overdue task', () => {
    const overdue = taskOf({
      taskId: 'overdue',
      cadence: 'daily',
      nextDueAt: inDays(-3),
    });

    const days = dueDays([overdue], now, 2);

    expect(days.map(d => d.occurrences[0].dueAt.toISOString())).toEqual([
      inDays(0),
      inDays(1),
      inDays(2),
    ]);
  });

  it('puts the tasks of one local day together, earliest first, days in order', () => {
    // Local times, so that the days are the same in every time zone.
    const at = (day: number, hour: number) =>
      new Date(2026, 10, day, hour).toISOString();
    const late = taskOf({
      taskId: 'late',
      cadence: 'quarterly',
      nextDueAt: at(30, 17),
    });
    const early = taskOf({
      taskId: 'early',
      cadence: 'monthly',
      nextDueAt: at(30, 9),
    });
    const soon = taskOf({
      taskId: 'soon',
      cadence: 'monthly',
      nextDueAt: at(22, 9),
    });

    const days = dueDays([late, early, soon], new Date(2026, 10, 20, 12), 20);

    expect(days.map(d => d.day)).toEqual([
      new Date(2026, 10, 22),
      new Date(2026, 10, 30),
    ]);
    expect(days.map(d => d.occurrences.map(o => o.task.taskId))).toEqual([
      ['soon'],
      ['early', 'late'],
    ]);
  });
});

import {
  addCadence,
  MaintenanceTaskView,
} from '@mcp-server-operator/plugin-mcp-security-common';

const DAY = 24 * 60 * 60 * 1000;

/** One time a task falls due. */
export interface Occurrence {
  task: MaintenanceTaskView;
  dueAt: Date;
}

/** A day of the user's calendar, as its local midnight, with what falls due on it. */
export interface DueDay {
  day: Date;
  occurrences: Occurrence[];
}

/**
 * What falls due from the start of the user's today until `days` days from
 * `now`, day by day in the user's time zone: each task at its next due date
 * and at every cadence after it, as the downloadable calendar repeats it.
 */
export function dueDays(
  tasks: MaintenanceTaskView[],
  now: Date,
  days: number,
): DueDay[] {
  const today = new Date(now);
  today.setHours(0, 0, 0, 0);
  const end = now.getTime() + days * DAY;
  const byDay = new Map<number, Occurrence[]>();
  for (const task of tasks) {
    const first = new Date(task.nextDueAt);
    for (
      let times = 0, dueAt = first;
      dueAt.getTime() <= end;
      times += 1, dueAt = addCadence(first, task.cadence, times)
    ) {
      // An overdue task's past cycles are in the past; they are listed as overdue.
      if (dueAt >= today) {
        const day = new Date(dueAt);
        day.setHours(0, 0, 0, 0);
        byDay.set(day.getTime(), [
          ...(byDay.get(day.getTime()) ?? []),
          { task, dueAt },
        ]);
      }
    }
  }
  return [...byDay]
    .sort(([a], [b]) => a - b)
    .map(([day, occurrences]) => ({
      day: new Date(day),
      occurrences: occurrences.sort(
        (a, b) => a.dueAt.getTime() - b.dueAt.getTime(),
      ),
    }));
}

import { Cadence } from './vocabulary';
import { MaintenanceDueStatus } from './types';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The moment `times` cadences after `from`, computed in UTC so the host's
 * time zone and daylight-saving changes never move a due date. Months keep
 * the day of the month, clamped to the month's end (31 Jan + 1 month =
 * 28/29 Feb), counted from `from` every time so a task due on the 31st comes
 * back on the 31st where a month has one. Shared by the schedule in the
 * backend and the calendar in the UI, so both agree to the millisecond.
 */
export function addCadence(from: Date, cadence: Cadence, times = 1): Date {
  if (cadence === 'daily' || cadence === 'weekly') {
    const days = cadence === 'daily' ? 1 : 7;
    return new Date(from.getTime() + times * days * DAY);
  }
  const month = from.getUTCMonth() + times * (cadence === 'monthly' ? 1 : 3);
  const lastDay = new Date(
    Date.UTC(from.getUTCFullYear(), month + 1, 0),
  ).getUTCDate();
  const result = new Date(from.getTime());
  result.setUTCFullYear(
    from.getUTCFullYear(),
    month,
    Math.min(from.getUTCDate(), lastDay),
  );
  return result;
}

/** A cadence's length in milliseconds, for windows; calendar months count as 30 days. */
function approximateLength(cadence: Cadence): number {
  return { daily: 1, weekly: 7, monthly: 30, quarterly: 91 }[cadence] * DAY;
}

/** "Due soon" is the last quarter of a cycle, at most a week: early enough to plan, late enough to matter. */
export function dueStatus(
  nextDueAt: Date,
  cadence: Cadence,
  now: Date,
): MaintenanceDueStatus {
  const left = nextDueAt.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  return left <= Math.min(7 * DAY, approximateLength(cadence) / 4)
    ? 'due-soon'
    : 'upcoming';
}

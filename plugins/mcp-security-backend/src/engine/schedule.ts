import {
  Cadence,
  MaintenanceDueStatus,
} from '@mcp-server-operator/plugin-mcp-security-common';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The moment one cadence after `from`, computed in UTC so the host's time
 * zone and daylight-saving changes never move a due date. Months keep the
 * day of the month, clamped to the month's end (31 Jan + 1 month = 28/29 Feb).
 */
export function addCadence(from: Date, cadence: Cadence): Date {
  if (cadence === 'daily') return new Date(from.getTime() + DAY);
  if (cadence === 'weekly') return new Date(from.getTime() + 7 * DAY);
  const months = cadence === 'monthly' ? 1 : 3;
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(from.getUTCDate(), lastDay),
      from.getUTCHours(),
      from.getUTCMinutes(),
      from.getUTCSeconds(),
      from.getUTCMilliseconds(),
    ),
  );
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

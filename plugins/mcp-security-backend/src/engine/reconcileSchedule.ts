import {
  addCadence,
  MaintenancePlanItem,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { ScheduledTask } from '../database/McpSecurityStore';

/**
 * The schedule rows that must change so one server's schedule follows its
 * current maintenance plan:
 * - a task new to the plan starts a cycle now;
 * - a retired task that applies again starts a fresh cycle now;
 * - a task whose cadence changed (the risk level moved) is due one new
 *   cadence after its last completion, or after it first applied;
 * - a task the plan no longer has is retired, keeping its history.
 * A changed due date clears the overdue notice, so the new cycle notifies.
 */
export function reconcileSchedule(options: {
  entityRef: string;
  ownerRef?: string;
  plan: MaintenancePlanItem[];
  existing: ScheduledTask[];
  now: Date;
}): ScheduledTask[] {
  const { entityRef, ownerRef, plan, existing, now } = options;
  const byTask = new Map(existing.map(task => [task.taskId, task]));
  const changes: ScheduledTask[] = [];

  for (const { taskId, cadence } of plan) {
    const task = byTask.get(taskId);
    if (!task || !task.active) {
      changes.push({
        entityRef,
        taskId,
        cadence,
        ownerRef,
        active: true,
        firstAppliedAt: now,
        lastCompletedAt: task?.lastCompletedAt,
        nextDueAt: addCadence(now, cadence),
      });
    } else if (task.cadence !== cadence || task.ownerRef !== ownerRef) {
      const nextDueAt = addCadence(
        task.lastCompletedAt ?? task.firstAppliedAt,
        cadence,
      );
      const moved = nextDueAt.getTime() !== task.nextDueAt.getTime();
      changes.push({
        ...task,
        cadence,
        ownerRef,
        nextDueAt,
        notifiedOverdueAt: moved ? undefined : task.notifiedOverdueAt,
      });
    }
  }

  const planned = new Set(plan.map(item => item.taskId));
  for (const task of existing) {
    if (task.active && !planned.has(task.taskId)) {
      changes.push({ ...task, active: false, retiredAt: now });
    }
  }
  return changes;
}

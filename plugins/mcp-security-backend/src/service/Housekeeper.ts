import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { McpSecurityStore } from '../database/McpSecurityStore';
import { groupBy } from '../lib/groupBy';
import { Knowledge } from '../knowledge/loadKnowledge';
import type { ScorecardService } from './ScorecardService';

/** Where the server's MCP Security tab lives in the portal. */
export function tabLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase(
    'en-US',
  )}/${name}/mcp-security`;
}

/**
 * Periodic upkeep, run by one replica at a time: takes the day's scorecard
 * snapshot and tells the owners of MCP servers about maintenance that has
 * just become overdue. A task is claimed
 * (marked notified) before sending, so each overdue cycle notifies once even
 * if sending fails or another replica runs next.
 */
export class Housekeeper {
  constructor(
    private readonly options: {
      store: McpSecurityStore;
      knowledge: Knowledge;
      notifications: NotificationService;
      /** Takes today's scorecard snapshot for the trends. */
      scorecards: Pick<ScorecardService, 'snapshot'>;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async schedule(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ) {
    await scheduler.scheduleTask({
      id: 'mcp-security-housekeeping',
      scope: 'global',
      ...schedule,
      fn: async () => {
        await this.run();
      },
    });
  }

  async run(): Promise<{ notified: number }> {
    await this.options.scorecards.snapshot();
    const now = this.options.now?.() ?? new Date();
    const overdue = await this.options.store.claimNewlyOverdue(now);
    const byServer = groupBy(
      overdue.filter(task => task.ownerRef),
      task => task.entityRef,
    );
    let notified = 0;
    for (const [entityRef, tasks] of byServer) {
      const titles = tasks.map(
        t =>
          this.options.knowledge.maintenanceTasks.find(d => d.id === t.taskId)
            ?.title ?? t.taskId,
      );
      try {
        await this.options.notifications.send({
          recipients: { type: 'entity', entityRef: tasks[0].ownerRef! },
          payload: {
            title: `${tasks.length} maintenance task${
              tasks.length > 1 ? 's' : ''
            } overdue on ${entityRef}`,
            description: titles.join('; '),
            link: tabLink(entityRef),
            severity: 'high',
            topic: 'mcp-security-maintenance',
          },
        });
        notified += tasks.length;
      } catch (error) {
        // Without the notifications backend, send throws; the tab still shows the overdue tasks.
        this.options.logger.warn(
          `Could not notify ${
            tasks[0].ownerRef
          } about overdue maintenance on ${entityRef}: ${stringifyError(
            error,
          )}`,
        );
      }
    }
    return { notified };
  }
}

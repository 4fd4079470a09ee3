import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { AssessmentService } from '../service/AssessmentService';
import { MaintenanceService } from '../service/MaintenanceService';
import { entityRefInput, parseServerRef } from './shared';

const DAY = 24 * 60 * 60 * 1000;

/** `get-maintenance-due`: the maintenance of one catalog MCP server that is overdue or due soon. */
export function createGetMaintenanceDueAction(options: {
  actionsRegistry: ActionsRegistryService;
  assessments: AssessmentService;
  maintenance: MaintenanceService;
}) {
  options.actionsRegistry.register({
    name: 'get-maintenance-due',
    title: 'Get the maintenance due on an MCP server',
    description: `Lists the security maintenance tasks of an MCP server registered in the Backstage catalog that are overdue or due within the next days (withinDays, default 14), soonest first: what to do (procedure), what evidence to record, the cadence and the due date (UTC).

Input: entityRef, e.g. "api:default/filesystem". Completing a task is done by a person in the portal, with evidence.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z
          .object({
            entityRef: entityRefInput(z),
            withinDays: z
              .number()
              .int()
              .min(0)
              .max(365)
              .optional()
              .describe('Include tasks due within this many days (default 14)'),
          })
          .strict(),
      output: z =>
        z.object({
          entityRef: z.string(),
          tasks: z.array(
            z.object({
              taskId: z.string(),
              title: z.string(),
              status: z.string(),
              cadence: z.string(),
              nextDueAt: z.string(),
              lastCompletedAt: z.string().optional(),
              procedure: z.array(z.string()),
              evidence: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const assessment = await options.assessments.getAssessment(
        parseServerRef(input.entityRef),
        credentials,
      );
      const horizon = Date.now() + (input.withinDays ?? 14) * DAY;
      const tasks = await options.maintenance.list(assessment.entityRef!);
      return {
        output: {
          entityRef: assessment.entityRef!,
          tasks: tasks
            .filter(t => Date.parse(t.nextDueAt) <= horizon)
            .map(t => ({
              taskId: t.taskId,
              title: t.title,
              status: t.status,
              cadence: t.cadence,
              nextDueAt: t.nextDueAt,
              ...(t.lastCompletedAt
                ? { lastCompletedAt: t.lastCompletedAt }
                : {}),
              procedure: t.procedure,
              evidence: t.evidence,
            })),
        },
      };
    },
  });
}

import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ChangeService } from '../service/ChangeService';

/** `list-pending-changes`: change requests waiting for a decision, or for the caller's vote. */
export function createListPendingChangesAction(options: {
  actionsRegistry: ActionsRegistryService;
  changes: ChangeService;
}) {
  options.actionsRegistry.register({
    name: 'list-pending-changes',
    title: 'List MCP server changes waiting for approval',
    description: `Lists change requests on MCP servers that wait for approval (state "submitted"), newest first, with their risk level, how many approvals they have and need, and which required groups (such as the security team) have not approved yet.

Set mine to true to list only the changes the calling user may vote on now (not their own, not voted yet, allowed by policy). Optionally filter by entityRef, e.g. "api:default/filesystem". Only servers the caller can read in the catalog are included.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z
          .object({
            mine: z
              .boolean()
              .optional()
              .describe('Only changes waiting for my vote'),
            entityRef: z
              .string()
              .optional()
              .describe('Only changes to this MCP server'),
          })
          .strict(),
      output: z =>
        z.object({
          changes: z.array(
            z.object({
              id: z.string(),
              entityRef: z.string(),
              title: z.string(),
              changeType: z.string(),
              riskLevel: z.string(),
              state: z.string(),
              emergency: z.boolean(),
              requestedBy: z.string(),
              approvalsReceived: z.number(),
              approvalsRequired: z.number(),
              missingGroups: z.array(z.string()),
              reviewOverdue: z.boolean(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const changes = await options.changes.list(
        {
          states: ['submitted'],
          entityRef: input.entityRef,
          awaitingMyVote: input.mine ?? false,
          limit: 200,
        },
        credentials,
      );
      return {
        output: {
          changes: changes.map(c => ({
            id: c.id,
            entityRef: c.entityRef,
            title: c.title,
            changeType: c.changeType,
            riskLevel: c.riskLevel,
            state: c.state,
            emergency: c.emergency,
            requestedBy: c.requestedBy,
            approvalsReceived: c.approvalsReceived,
            approvalsRequired: c.requirements.approvals,
            missingGroups: c.missingGroups,
            reviewOverdue: c.reviewOverdue,
          })),
        },
      };
    },
  });
}

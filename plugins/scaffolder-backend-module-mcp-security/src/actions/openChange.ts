import { ForwardedError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ChangeCreateRequest,
  changeCreateRequestSchema,
  planChange,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { McpSecurityBackendClient } from '../McpSecurityBackendClient';
import { examples } from './openChange.examples';

export const OPEN_CHANGE_ACTION_ID = 'mcp-security:open-change';

/**
 * `mcp-security:open-change`: opens a change request on a catalog MCP server
 * as the user who runs the template, and submits it for approval unless told
 * not to. The backend checks the user's permission (owners and the security
 * team in the dev portal) exactly as for the UI, so a template cannot open
 * changes its user could not.
 */
export function createOpenChangeAction(options: {
  client: Pick<
    McpSecurityBackendClient,
    'getChangeTypes' | 'getAssessment' | 'createChange' | 'transitionChange'
  >;
}) {
  const { client } = options;
  return createTemplateAction({
    id: OPEN_CHANGE_ACTION_ID,
    description:
      'Opens a change request on an MCP server as the user running the template, and submits it for approval',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z.string({
            description: 'The MCP server, e.g. api:default/filesystem',
          }),
        changeType: z =>
          z.string({
            description:
              'A change type of the knowledge base, e.g. code-deployment or configuration-change',
          }),
        title: z => z.string({ description: 'Short title of the change' }),
        description: z => z.string({ description: 'What changes, and why' }),
        rollbackPlan: z =>
          z.string({
            description: 'How to undo the change; required to submit it',
          }),
        plannedStart: z =>
          z
            .string({ description: 'When it starts, ISO 8601 with offset' })
            .optional(),
        plannedEnd: z =>
          z
            .string({ description: 'When it ends, ISO 8601 with offset' })
            .optional(),
        emergency: z =>
          z
            .boolean({
              description:
                'An emergency change (only for change types that allow it)',
            })
            .optional(),
        submit: z =>
          z
            .boolean({
              description:
                'Submit for approval at once (default true); false leaves a draft',
            })
            .optional(),
      },
      output: {
        changeId: z =>
          z.string({
            description: 'Id of the change request (none in a dry run)',
          }),
        state: z =>
          z.string({ description: 'submitted, or draft when not submitted' }),
        riskLevel: z =>
          z.string({
            description:
              "The change's risk: its type's base risk raised to the server's",
          }),
        approvalsRequired: z =>
          z.number({ description: 'Approvals the change needs' }),
        requiredGroups: z =>
          z.array(z.string(), {
            description: 'Groups that must be among the approvers',
          }),
      },
    },
    async handler(ctx) {
      const { entityRef, submit, ...fields } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      // What the backend would refuse of the request itself, checked before
      // anything is created: no draft is left behind that cannot be submitted.
      const request = parseRequest(fields, submit !== false);

      if (ctx.isDryRun) {
        // Nothing is created: say what would be opened, from the same
        // change types, policy and server risk the backend would use.
        const [{ items, policy }, assessment] = await Promise.all([
          client.getChangeTypes(credentials),
          client.getAssessment(entityRef, credentials),
        ]);
        const plan = planChange(request, {
          changeTypes: items,
          policy,
          serverRisk: assessment.risk.level,
        });
        if ('problem' in plan) throw new InputError(plan.problem);
        const { changeType, riskLevel, requirements } = plan;
        ctx.logger.info(
          `Dry run: would open a ${changeType.id} change on ${entityRef} (risk ${riskLevel}). Not checked: whether you may open changes on it, which the backend decides when the change is created.`,
        );
        ctx.output('changeId', '');
        ctx.output('state', submit === false ? 'draft' : 'submitted');
        ctx.output('riskLevel', riskLevel);
        ctx.output('approvalsRequired', requirements.approvals);
        ctx.output('requiredGroups', requirements.requiredGroups);
        return;
      }

      let change = await client.createChange(entityRef, request, credentials);
      ctx.logger.info(`Opened change ${change.id} on ${entityRef}`);
      if (submit !== false) {
        try {
          change = await client.transitionChange(
            change.id,
            'submit',
            { version: change.version },
            credentials,
          );
        } catch (error) {
          // The draft exists by now; say so, so nobody opens it twice.
          throw new ForwardedError(
            `Change ${change.id} was opened as a draft but could not be submitted`,
            error,
          );
        }
        ctx.logger.info(`Submitted change ${change.id} for approval`);
      }
      ctx.output('changeId', change.id);
      ctx.output('state', change.state);
      ctx.output('riskLevel', change.riskLevel);
      ctx.output('approvalsRequired', change.requirements.approvals);
      ctx.output('requiredGroups', change.requirements.requiredGroups);
    },
  });
}

/**
 * The request as the backend would take it: the same schema (dates with an
 * offset, the end not before the start), and a rollback plan when the change
 * is to be submitted, which the backend requires to submit it.
 */
function parseRequest(
  fields: Omit<ChangeCreateRequest, 'emergency'> & { emergency?: boolean },
  submit: boolean,
): ChangeCreateRequest {
  const parsed = changeCreateRequestSchema.safeParse({
    ...fields,
    emergency: fields.emergency ?? false,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${issue.path.join('.')}: ${issue.message}`);
  }
  if (submit && !parsed.data.rollbackPlan) {
    throw new InputError(
      'rollbackPlan: a rollback plan is required to submit a change; give one, or set submit to false to leave a draft',
    );
  }
  return parsed.data;
}

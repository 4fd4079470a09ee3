import { BackstageUserPrincipal } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError } from '@backstage/errors';
import { changeCreateRequestSchema } from '@mcp-server-operator/plugin-mcp-security-common';
import { ChangeService } from '../service/ChangeService';
import { parseRequest } from '../service/parseRequest';
import { entityRefInput, parseServerRef } from './shared';

/**
 * `request-change`: open and submit a change request on an MCP server on
 * behalf of the calling user. It writes, so it is marked destructive and
 * checked against the policy with the user's own credentials.
 */
export function createRequestChangeAction(options: {
  actionsRegistry: ActionsRegistryService;
  changes: ChangeService;
}) {
  options.actionsRegistry.register({
    name: 'request-change',
    title: 'Request a change to an MCP server',
    description: `Opens a change request on an MCP server registered in the Backstage catalog and submits it for approval, as the calling user.

Required: entityRef (e.g. "api:default/filesystem"), changeType (one of: security-update, configuration-change, code-deployment, infrastructure-change, agent-behaviour-change, prompt-change, permission-change, financial-control-change, api-security-change, integration-change, performance-tuning, dependency-update), title, description, and rollbackPlan (how to undo it; required).
Optional: plannedStart and plannedEnd (ISO 8601), emergency (only for change types that allow it).
The change's risk is the type's base risk raised to the server's risk; approvers are notified. The requester can never approve their own change.`,
    attributes: { readOnly: false, idempotent: false, destructive: true },
    schema: {
      // Strict like the HTTP routes: an unknown field is an error, never ignored.
      input: z =>
        z
          .object({
            entityRef: entityRefInput(z),
            changeType: z.string(),
            title: z.string(),
            description: z.string(),
            rollbackPlan: z.string(),
            plannedStart: z.string().optional(),
            plannedEnd: z.string().optional(),
            emergency: z.boolean().optional(),
          })
          .strict(),
      output: z =>
        z.object({
          id: z.string(),
          state: z.string(),
          riskLevel: z.string(),
          approvalsRequired: z.number(),
          requiredGroups: z.array(z.string()),
        }),
    },
    action: async ({ input, credentials }) => {
      // Service principals pass permission checks without the policy: only people may request.
      if (
        (credentials.principal as Partial<BackstageUserPrincipal>).type !==
        'user'
      ) {
        throw new NotAllowedError('Only users may request changes');
      }
      const userCredentials = credentials as typeof credentials & {
        principal: BackstageUserPrincipal;
      };
      const { entityRef, ...fields } = input;
      const request = parseRequest(changeCreateRequestSchema, fields, 'input');
      // One write: a change that cannot be submitted is never stored.
      const submitted = await options.changes.createAndSubmit(
        parseServerRef(entityRef),
        request,
        userCredentials,
      );
      return {
        output: {
          id: submitted.id,
          state: submitted.state,
          riskLevel: submitted.riskLevel,
          approvalsRequired: submitted.requirements.approvals,
          requiredGroups: submitted.requirements.requiredGroups,
        },
      };
    },
  });
}

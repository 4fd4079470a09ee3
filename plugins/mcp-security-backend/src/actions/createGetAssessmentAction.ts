import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { AssessmentService } from '../service/AssessmentService';
import {
  assessmentOutput,
  assessmentOutputShape,
  entityRefInput,
  parseServerRef,
} from './shared';

/**
 * `get-assessment`: the current trust and risk assessment of an MCP server in
 * the catalog, read with the caller's catalog access.
 */
export function createGetAssessmentAction(options: {
  actionsRegistry: ActionsRegistryService;
  assessments: AssessmentService;
}) {
  options.actionsRegistry.register({
    name: 'get-assessment',
    title: 'Get the security assessment of an MCP server',
    description: `Returns the security assessment of an MCP server registered in the Backstage catalog.

Use it before relying on an MCP server, or to explain why a server is considered risky.
The input is the server's catalog entity reference, such as "api:default/filesystem"
(kind defaults to API and namespace to default, so "filesystem" also works).

The result has:
- trust: tier (trusted, community or unknown), a 0-100 score and the signals behind it;
- risk: level (low, medium, high or critical), a 0-100 score and the factors behind it,
  each with its points, its dimension (impact or likelihood) and a reason;
- findings: problems found in the server's declared facts or server.json, each naming the
  annotation, file or JSON path it concerns.
Every point of both scores is listed with a reason; quote them when explaining the result.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ entityRef: entityRefInput(z) }).strict(),
      output: z =>
        z.object({
          entityRef: z.string(),
          assessedAt: z.string(),
          ...assessmentOutputShape(z),
        }),
    },
    action: async ({ input, credentials }) => {
      const assessment = await options.assessments.getAssessment(
        parseServerRef(input.entityRef),
        credentials,
      );
      return {
        output: {
          entityRef: assessment.entityRef!,
          assessedAt: assessment.assessedAt,
          ...assessmentOutput(assessment),
        },
      };
    },
  });
}

import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { AssessmentService } from '../service/AssessmentService';
import { entityRefInput, parseServerRef } from './shared';

/** `list-recommendations`: what to do about one catalog MCP server, most urgent first. */
export function createListRecommendationsAction(options: {
  actionsRegistry: ActionsRegistryService;
  assessments: AssessmentService;
}) {
  options.actionsRegistry.register({
    name: 'list-recommendations',
    title: 'List the security recommendations for an MCP server',
    description: `Lists the security controls recommended for an MCP server registered in the Backstage catalog, most urgent first (priority P1 to P4 at the server's assurance level), with each one's status as the owners decided it (open, accepted, implemented, dismissed), rationale, concrete steps and how to verify it.

Input: entityRef, e.g. "api:default/filesystem"; optionally status to keep only recommendations in that state (e.g. "open").
Also returns the risk and the residual risk left after the implemented recommendations.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z
          .object({
            entityRef: entityRefInput(z),
            status: z
              .enum(['open', 'accepted', 'implemented', 'dismissed'])
              .optional()
              .describe('Only recommendations in this state'),
          })
          .strict(),
      output: z =>
        z.object({
          entityRef: z.string(),
          assuranceLevel: z.string(),
          risk: z.object({ level: z.string(), score: z.number() }),
          residualRisk: z.object({ level: z.string(), score: z.number() }),
          recommendations: z.array(
            z.object({
              controlId: z.string(),
              title: z.string(),
              category: z.string(),
              priority: z.string(),
              status: z.string(),
              rationale: z.string(),
              steps: z.array(z.string()),
              verification: z.array(z.string()),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const view = await options.assessments.getAssessmentView(
        parseServerRef(input.entityRef),
        credentials,
      );
      return {
        output: {
          entityRef: view.entityRef!,
          assuranceLevel: view.assuranceLevel,
          risk: { level: view.risk.level, score: view.risk.score },
          residualRisk: {
            level: view.residualRisk.level,
            score: view.residualRisk.score,
          },
          recommendations: view.recommendations
            .filter(r => !input.status || r.status === input.status)
            .map(r => ({
              controlId: r.controlId,
              title: r.title,
              category: r.category,
              priority: r.priority,
              status: r.status,
              rationale: r.rationale,
              steps: r.steps,
              verification: r.verification,
            })),
        },
      };
    },
  });
}

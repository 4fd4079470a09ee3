import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { adviseRequestSchema } from '@mcp-server-operator/plugin-mcp-security-common';
import { parseRequest } from '../service/parseRequest';
import { AssessmentService } from '../service/AssessmentService';
import { assessmentOutput, assessmentOutputShape } from './shared';

/**
 * `advise-on-server`: assess an MCP server before installing it, from its
 * server.json or a client configuration. Nothing is stored.
 */
export function createAdviseOnServerAction(options: {
  actionsRegistry: ActionsRegistryService;
  assessments: AssessmentService;
}) {
  options.actionsRegistry.register({
    name: 'advise-on-server',
    title: 'Assess an MCP server before installing it',
    description: `Answers "is this MCP server safe to install, and how should I run it?" for a server that is not in the catalog.

Give exactly one of:
- serverJson: the server's MCP Registry server.json document;
- clientConfig: an MCP client configuration, either Claude Desktop / Cursor style {"mcpServers": {...}} or VS Code style {"servers": {...}}; when it lists several servers, name one in serverName.
Optionally give context, the facts you know about how it will run: deploymentContext (development | internal | production | regulated), exposure (local | internal | internet), dataClassification (public | internal | confidential | restricted), capabilities (e.g. ["filesystem-write", "shell-exec"]), isolation (none | process | container | vm), auth (none | api-key | oauth2 | mtls), egressAllowlist (hosts). Unknown facts are assumed conservatively.

Returns trust (tier and signals), risk (level, score and every factor with its reason), findings (such as unpinned versions or secrets on the command line), the published advisories matching the packages it runs (malicious: true means do not install it; otherwise upgrade to fixedVersion), the target assurance level, and the recommendations in priority order with concrete steps. Nothing is stored; the server is not contacted or run.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z
          .object({
            serverJson: z
              .record(z.any())
              .optional()
              .describe('The server.json document'),
            clientConfig: z
              .record(z.any())
              .optional()
              .describe('An MCP client configuration'),
            serverName: z
              .string()
              .optional()
              .describe('Which server of the client configuration'),
            context: z
              .object({
                deploymentContext: z.string().optional(),
                exposure: z.string().optional(),
                dataClassification: z.string().optional(),
                capabilities: z.array(z.string()).optional(),
                isolation: z.string().optional(),
                auth: z.string().optional(),
                egressAllowlist: z.array(z.string()).optional(),
              })
              .strict()
              .optional()
              .describe('What you know about how the server will run'),
          })
          .strict(),
      output: z =>
        z.object({
          ...assessmentOutputShape(z),
          assuranceLevel: z.string(),
          guidanceType: z.string(),
          omitted: z
            .object({ findings: z.number(), packages: z.number() })
            .describe(
              'How many findings and packages were left out of the lists',
            ),
          recommendations: z.array(
            z.object({
              controlId: z.string(),
              title: z.string(),
              category: z.string(),
              priority: z.string(),
              rationale: z.string(),
              steps: z.array(z.string()),
            }),
          ),
        }),
    },
    action: async ({ input }) => {
      // The registry's zod checks the shape; the shared schema checks the vocabulary.
      const request = parseRequest(adviseRequestSchema, input, 'input');
      const advice = options.assessments.advise(request);
      return {
        output: {
          ...assessmentOutput(advice),
          assuranceLevel: advice.assuranceLevel,
          guidanceType: advice.guidanceType,
          omitted: advice.omitted,
          recommendations: advice.recommendations.map(r => ({
            controlId: r.controlId,
            title: r.title,
            category: r.category,
            priority: r.priority,
            rationale: r.rationale,
            steps: r.steps,
          })),
        },
      };
    },
  });
}

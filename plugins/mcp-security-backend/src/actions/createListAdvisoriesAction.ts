import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { AdvisoryFleet } from '../advisories/AdvisoryFleet';

/** `list-advisories`: published advisories that match MCP servers in the catalog, and who runs them. */
export function createListAdvisoriesAction(options: {
  actionsRegistry: ActionsRegistryService;
  fleet: AdvisoryFleet;
}) {
  options.actionsRegistry.register({
    name: 'list-advisories',
    title: 'List advisories affecting MCP servers',
    description: `Lists published advisories (OSV records: malicious packages with MAL- ids, vulnerabilities with GHSA-, PYSEC- or CVE ids) that match a package an MCP server in the catalog runs, malicious ones first. Each advisory names the package, the affected range and every matching server with its owner, the version it runs, the first fixed version and its current risk level, so "who runs postmark-mcp 1.0.16?" has an answer.

Set malicious to true for malicious packages only, or false for vulnerabilities only. A server whose version is not pinned is listed with certainty "possible": it may resolve to an affected version. Only servers the caller can read in the catalog are included.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          malicious: z
            .boolean()
            .optional()
            .describe(
              'Only malicious packages (true) or only vulnerabilities (false)',
            ),
        }),
      output: z =>
        z.object({
          advisories: z.array(
            z.object({
              advisoryId: z.string(),
              aliases: z.array(z.string()),
              malicious: z.boolean(),
              summary: z.string(),
              severity: z.string().optional(),
              url: z.string().optional(),
              package: z.object({ ecosystem: z.string(), name: z.string() }),
              affectedRange: z.string(),
              servers: z.array(
                z.object({
                  entityRef: z.string(),
                  owner: z.string().optional(),
                  version: z.string().optional(),
                  fixedVersion: z.string().optional(),
                  certainty: z.string(),
                  riskLevel: z.string(),
                }),
              ),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const { advisories } = await options.fleet.list(credentials, {
        malicious: input.malicious,
      });
      return { output: { advisories } };
    },
  });
}

import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { FindingService } from '../findings/FindingService';
import { entityRefInput, parseServerRef } from './shared';

const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;

/** `list-findings`: the open findings scanners and audits reported for one catalog MCP server. */
export function createListFindingsAction(options: {
  actionsRegistry: ActionsRegistryService;
  findings: FindingService;
}) {
  options.actionsRegistry.register({
    name: 'list-findings',
    title: 'List the open scanner and audit findings of an MCP server',
    description: `Lists the open findings that security scanners (SARIF tools, Cisco mcp-scanner) reported for an MCP server registered in the Backstage catalog and that its owners imported, most severe first: source tool and version, rule, severity, title, message, the MCP tool it concerns, location, and when imports first and last reported it.

Input: entityRef, e.g. "api:default/fetch"; optionally minSeverity to keep only findings at least that severe (e.g. "high").`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z
          .object({
            entityRef: entityRefInput(z),
            minSeverity: z
              .enum(SEVERITIES)
              .optional()
              .describe('Only findings at least this severe'),
          })
          .strict(),
      output: z =>
        z.object({
          findings: z.array(
            z.object({
              sourceTool: z.string(),
              sourceVersion: z.string().optional(),
              ruleId: z.string(),
              severity: z.string(),
              title: z.string(),
              message: z.string(),
              toolName: z.string().optional(),
              location: z.string().optional(),
              firstSeen: z.string(),
              lastSeen: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const floor = SEVERITIES.indexOf(input.minSeverity ?? 'info');
      const rank = (s: string) => SEVERITIES.indexOf(s as never);
      const findings = (
        await options.findings.list(
          parseServerRef(input.entityRef),
          credentials,
        )
      )
        .filter(f => rank(f.severity) >= floor)
        .sort((a, b) => rank(b.severity) - rank(a.severity))
        .map(({ fingerprint: _fingerprint, ...finding }) => finding);
      return { output: { findings } };
    },
  });
}

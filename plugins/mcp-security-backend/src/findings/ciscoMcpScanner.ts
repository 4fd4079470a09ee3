import {
  FindingSeverity,
  ImportedFinding,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { z } from 'zod';
import { derivedFingerprint } from './fingerprint';
import { ParsedReport } from './parsedReport';

export const CISCO_MCP_SCANNER = 'cisco-mcp-scanner';

const text = z.string().max(20_000);

const analyzerResultSchema = z.object({
  severity: z.enum(['HIGH', 'MEDIUM', 'LOW', 'SAFE', 'UNKNOWN']),
  threat_names: z.array(text).optional(),
  threat_summary: text.optional(),
  total_findings: z.number().int().min(0).optional(),
  mcp_taxonomies: z
    .array(
      z.object({
        aitech: text.optional(),
        aitech_name: text.optional(),
        aisubtech: text.optional(),
        aisubtech_name: text.optional(),
      }),
    )
    .optional(),
});

/**
 * Cisco AI Defense mcp-scanner's `--format raw` output: one entry per tool,
 * prompt or resource scanned, with each analyzer's verdict (`yara_analyzer`,
 * `llm_analyzer`, `api_analyzer`, `behavioral_analyzer`, ...).
 */
export const ciscoReportSchema = z.object({
  server_url: text.optional(),
  scan_target: text.optional(),
  scan_results: z.array(
    z.object({
      tool_name: text.optional(),
      prompt_name: text.optional(),
      resource_uri: text.optional(),
      status: text.optional(),
      is_safe: z.boolean().nullable().optional(),
      findings: z.record(text, analyzerResultSchema),
    }),
  ),
});

export type CiscoReport = z.infer<typeof ciscoReportSchema>;

/** The scanner reports high, medium and low; unknown is a verdict it could not reach. */
const SEVERITY: Record<string, FindingSeverity> = {
  HIGH: 'high',
  MEDIUM: 'medium',
  LOW: 'low',
  UNKNOWN: 'info',
};

/** One finding per item and analyzer that judged it unsafe; safe verdicts are not findings. */
export function ciscoFindings(report: CiscoReport): ParsedReport {
  return {
    sourceTools: [CISCO_MCP_SCANNER],
    findings: report.scan_results.flatMap(itemFindings),
  };
}

function itemFindings(
  item: CiscoReport['scan_results'][number],
): ImportedFinding[] {
  const toolName = item.tool_name ?? item.prompt_name ?? item.resource_uri;
  return Object.entries(item.findings).flatMap(([analyzer, result]) => {
    if (result.severity === 'SAFE') return [];
    const threats = [...(result.threat_names ?? [])].sort();
    const taxonomy = result.mcp_taxonomies?.[0];
    const finding: ImportedFinding = {
      sourceTool: CISCO_MCP_SCANNER,
      ruleId: analyzer,
      severity: SEVERITY[result.severity],
      title:
        taxonomy?.aisubtech_name ??
        taxonomy?.aitech_name ??
        (threats.join(', ') || analyzer),
      message: result.threat_summary ?? threats.join(', '),
      fingerprint: derivedFingerprint(analyzer, toolName, threats.join(',')),
    };
    if (toolName) finding.toolName = toolName;
    return [finding];
  });
}

import { ImportedFinding } from '@mcp-server-operator/plugin-mcp-security-common';

/**
 * What a report says: the tools that ran (even those that found nothing, so
 * their earlier findings can be resolved) and the findings.
 */
export interface ParsedReport {
  sourceTools: string[];
  findings: ImportedFinding[];
}

import { InputError } from '@backstage/errors';
import { FindingsFormat } from '@mcp-server-operator/plugin-mcp-security-common';
import { z } from 'zod';
import { JSON_LIMITS, jsonLimitProblem, jsonPath } from '../lib/jsonLimits';
import { ciscoFindings, ciscoReportSchema } from './ciscoMcpScanner';
import { ParsedReport } from './parsedReport';
import { sarifFindings, sarifLogSchema } from './sarif';

/**
 * Reports are larger than the documents elsewhere (a scan of a big server
 * lists thousands of results), but nest as little; these bound the work one
 * import can cause.
 */
export const REPORT_LIMITS = {
  ...JSON_LIMITS,
  arrayItems: 10_000,
  objectKeys: 1_000,
  nodes: 500_000,
};

/** At most this many findings are kept from one report. */
export const MAX_FINDINGS = 5_000;

const FORMATS: Record<FindingsFormat, z.ZodType<ParsedReport>> = {
  sarif: sarifLogSchema.transform(sarifFindings),
  'cisco-mcp-scanner': ciscoReportSchema.transform(ciscoFindings),
};

/**
 * The findings of a report in the given format. A report that breaks a
 * limit or does not match its format is refused whole, with the JSON path
 * (under `root`) of each problem, so an import never stores part of one.
 */
export function parseReport(
  format: FindingsFormat,
  report: unknown,
  root = 'report',
): ParsedReport {
  const tooLarge = jsonLimitProblem(report, root, REPORT_LIMITS);
  if (tooLarge) {
    throw new InputError(`Invalid ${format} report: ${tooLarge}`);
  }
  const parsed = FORMATS[format].safeParse(report);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 10)
      .map(issue => `${jsonPath(root, issue.path)}: ${issue.message}`);
    throw new InputError(`Invalid ${format} report: ${problems.join('; ')}`);
  }
  const { findings } = parsed.data;
  if (findings.length > MAX_FINDINGS) {
    throw new InputError(
      `Invalid ${format} report: ${root} has ${findings.length} findings (limit ${MAX_FINDINGS})`,
    );
  }
  return parsed.data;
}

import {
  FindingSeverity,
  ImportedFinding,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { z } from 'zod';
import { derivedFingerprint } from './fingerprint';
import { ParsedReport } from './parsedReport';

const text = z.string().max(20_000);

const propertiesSchema = z
  .object({
    // GitHub's convention: a CVSS-like score as a string or number, 0.0-10.0.
    'security-severity': z.union([z.string(), z.number()]).optional(),
  })
  .optional();

const messageSchema = z.object({ text: text.optional(), id: text.optional() });

const locationSchema = z.object({
  physicalLocation: z
    .object({
      artifactLocation: z.object({ uri: text.optional() }).optional(),
      region: z
        .object({ startLine: z.number().int().min(1).optional() })
        .optional(),
    })
    .optional(),
});

const ruleSchema = z.object({
  id: text.min(1),
  name: text.optional(),
  shortDescription: messageSchema.optional(),
  defaultConfiguration: z
    .object({
      level: z.enum(['none', 'note', 'warning', 'error']).optional(),
    })
    .optional(),
  properties: propertiesSchema,
});

const resultSchema = z.object({
  ruleId: text.min(1).optional(),
  ruleIndex: z.number().int().min(0).optional(),
  level: z.enum(['none', 'note', 'warning', 'error']).optional(),
  kind: text.optional(),
  message: messageSchema,
  locations: z.array(locationSchema).optional(),
  fingerprints: z.record(z.string(), text).optional(),
  partialFingerprints: z.record(z.string(), text).optional(),
  properties: propertiesSchema,
});

/**
 * The parts of a SARIF 2.1.0 log (OASIS standard) that a finding needs.
 * Unknown properties are allowed: SARIF has many optional ones.
 */
export const sarifLogSchema = z.object({
  version: z.literal('2.1.0'),
  runs: z.array(
    z.object({
      tool: z.object({
        driver: z.object({
          name: text.min(1),
          version: text.optional(),
          semanticVersion: text.optional(),
          rules: z.array(ruleSchema).optional(),
        }),
      }),
      results: z.array(resultSchema).optional(),
    }),
  ),
});

export type SarifLog = z.infer<typeof sarifLogSchema>;
type SarifRule = z.infer<typeof ruleSchema>;
type SarifResult = z.infer<typeof resultSchema>;

/** SARIF levels by themselves: `error` is high, as in GitHub code scanning. */
const LEVEL_SEVERITY: Record<string, FindingSeverity> = {
  error: 'high',
  warning: 'medium',
  note: 'low',
  none: 'info',
};

/** A `security-severity` score as the CVSS bands name it; undefined when it is not a number. */
function severityOfScore(
  score: string | number | undefined,
): FindingSeverity | undefined {
  const value = typeof score === 'string' ? Number(score) : score;
  if (value === undefined || !Number.isFinite(value)) return undefined;
  if (value >= 9) return 'critical';
  if (value >= 7) return 'high';
  if (value >= 4) return 'medium';
  if (value > 0) return 'low';
  return 'info';
}

function severityOf(result: SarifResult, rule?: SarifRule): FindingSeverity {
  return (
    severityOfScore(result.properties?.['security-severity']) ??
    severityOfScore(rule?.properties?.['security-severity']) ??
    LEVEL_SEVERITY[
      result.level ?? rule?.defaultConfiguration?.level ?? 'warning'
    ]
  );
}

function locationOf(result: SarifResult): string | undefined {
  const physical = result.locations?.[0]?.physicalLocation;
  const uri = physical?.artifactLocation?.uri;
  if (!uri) return undefined;
  const line = physical?.region?.startLine;
  return line ? `${uri}:${line}` : uri;
}

/** The report's own fingerprint: a full one where given, else its partial ones. */
function reportedFingerprint(result: SarifResult): string | undefined {
  const pick = (record?: Record<string, string>) =>
    record && Object.keys(record).length > 0
      ? Object.keys(record)
          .sort()
          .map(key => `${key}=${record[key]}`)
          .join(';')
      : undefined;
  return pick(result.fingerprints) ?? pick(result.partialFingerprints);
}

/** The findings of every run of a SARIF log, one per failing result. */
export function sarifFindings(log: SarifLog): ParsedReport {
  return {
    sourceTools: [...new Set(log.runs.map(run => run.tool.driver.name))],
    findings: log.runs.flatMap(runFindings),
  };
}

function runFindings(run: SarifLog['runs'][number]): ImportedFinding[] {
  const { driver } = run.tool;
  const rules = driver.rules ?? [];
  return (run.results ?? []).flatMap(result => {
    // Results of kind pass, open or informational are not problems found.
    if (result.kind && result.kind !== 'fail') return [];
    const rule =
      rules.find(r => r.id === result.ruleId) ??
      (result.ruleIndex !== undefined ? rules[result.ruleIndex] : undefined);
    const ruleId = result.ruleId ?? rule?.id ?? 'unknown-rule';
    const location = locationOf(result);
    const message =
      result.message.text ?? rule?.shortDescription?.text ?? ruleId;
    const finding: ImportedFinding = {
      sourceTool: driver.name,
      ruleId,
      severity: severityOf(result, rule),
      title: rule?.shortDescription?.text ?? rule?.name ?? ruleId,
      message,
      fingerprint:
        reportedFingerprint(result) ?? derivedFingerprint(ruleId, location),
    };
    const version = driver.semanticVersion ?? driver.version;
    if (version) finding.sourceVersion = version;
    if (location) finding.location = location;
    return [finding];
  });
}

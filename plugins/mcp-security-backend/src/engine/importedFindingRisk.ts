import {
  ImportedFinding,
  RiskFactor,
  RiskLevel,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { RiskModel } from '../knowledge/schema';

const LEVELS: RiskLevel[] = ['low', 'medium', 'high', 'critical'];

/** Reasons name at most this many findings; the rest are counted. */
const NAMED = 5;

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];

const label = (f: ImportedFinding) =>
  `${f.sourceTool} ${f.ruleId}${f.toolName ? ` on tool ${f.toolName}` : ''}${
    f.location ? ` at ${f.location}` : ''
  } (${f.severity}): ${f.title}`;

/**
 * The risk factor of a server's open imported findings, given the score and
 * level it has without them: points by severity up to the model's cap, and
 * an open critical finding keeps the server at least at the model's floor.
 */
export function importedFindingFactors(
  findings: ImportedFinding[],
  without: { score: number; level: RiskLevel },
  model: RiskModel,
): RiskFactor[] {
  const weights = model.importedFindings;
  const scored = findings.filter(f => weights.severity[f.severity] > 0);
  if (scored.length === 0) return [];
  const raw = scored.reduce((t, f) => t + weights.severity[f.severity], 0);
  let points = Math.min(weights.cap, raw);
  let floor = '';
  const floorLevel = weights.criticalFloor;
  if (
    scored.some(f => f.severity === 'critical') &&
    LEVELS.indexOf(without.level) < LEVELS.indexOf(floorLevel) &&
    without.score + points < model.risk.levels[floorLevel]
  ) {
    points = model.risk.levels[floorLevel] - without.score;
    floor = `; an open critical finding keeps the server at least ${floorLevel}`;
  }
  const ordered = [...scored].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
  );
  const more =
    ordered.length > NAMED ? `; and ${ordered.length - NAMED} more` : '';
  return [
    {
      id: 'imported-findings',
      dimension: 'likelihood',
      points,
      reason: `Open findings from scanners and audits: ${ordered
        .slice(0, NAMED)
        .map(label)
        .join('; ')}${more}${floor}`,
    },
  ];
}

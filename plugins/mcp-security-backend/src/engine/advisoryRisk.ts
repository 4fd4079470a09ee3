import {
  AdvisoryMatch,
  RiskFactor,
  RiskLevel,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { RiskModel } from '../knowledge/schema';

const LEVELS: RiskLevel[] = ['low', 'medium', 'high', 'critical'];

const label = (m: AdvisoryMatch) =>
  `${m.advisoryId} (${m.package.name}${
    m.package.version ? ` ${m.package.version}` : ''
  }${m.fixedVersion ? `, fixed in ${m.fixedVersion}` : ''})`;

const possibly = (m: AdvisoryMatch) =>
  m.certainty === 'possible' ? ' if the unpinned version resolves to it' : '';

/**
 * The risk factors of the advisories a server's packages match, given the
 * score and level the server has without them. A malicious package lifts the score to
 * critical; an affected version lifts it at least one level above what the
 * same server scores on a fixed version, so an upgrade always shows.
 */
export function advisoryFactors(
  matches: AdvisoryMatch[],
  without: { score: number; level: RiskLevel },
  model: RiskModel,
): RiskFactor[] {
  const { levels } = model.risk;
  const weights = model.advisories;
  const factors: RiskFactor[] = [];
  let score = without.score;

  const malicious = matches.filter(m => m.malicious);
  if (malicious.length > 0) {
    const points = Math.max(weights.malicious, levels.critical - score);
    factors.push({
      id: 'malicious-package',
      dimension: 'likelihood',
      points,
      reason: `Runs a known-malicious package: ${malicious
        .map(m => `${label(m)}${possibly(m)}: ${m.summary}`)
        .join('; ')}. Critical whatever the deployment context.`,
    });
    score += points;
  }

  const vulnerable = matches.filter(m => !m.malicious);
  if (vulnerable.length === 0) return factors;
  const raw = vulnerable.reduce(
    (total, m) =>
      total +
      weights.vulnerability[m.severity ?? 'unknown'] *
        (m.certainty === 'possible' ? weights.possibleShare : 1),
    0,
  );
  let points = Math.round(Math.min(weights.vulnerabilityCap, raw));
  let floor = '';
  // Past the malicious factor the score is critical already.
  const current = malicious.length > 0 ? 'critical' : without.level;
  if (
    vulnerable.some(m => m.certainty === 'affected') &&
    current !== 'critical'
  ) {
    const next = LEVELS[LEVELS.indexOf(current) + 1] as Exclude<
      RiskLevel,
      'low'
    >;
    if (score + points < levels[next]) {
      points = levels[next] - score;
      floor = `; at least one level above the fixed version (${next})`;
    }
  }
  factors.push({
    id: 'known-vulnerability',
    dimension: 'likelihood',
    points,
    reason: `Known vulnerabilities: ${vulnerable
      .map(
        m => `${label(m)}${m.severity ? ` ${m.severity}` : ''}${possibly(m)}`,
      )
      .join('; ')}${floor}`,
  });
  return factors;
}

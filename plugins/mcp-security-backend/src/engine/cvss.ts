import { AdvisorySeverity } from '@mcp-server-operator/plugin-mcp-security-common';

const WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

/** CVSS 3.1's Roundup: the smallest one-decimal number not below the input, free of float error. */
function roundUp(value: number): number {
  const scaled = Math.round(value * 100000);
  return scaled % 10000 === 0
    ? scaled / 100000
    : (Math.floor(scaled / 10000) + 1) / 10;
}

/** The base score of a CVSS 3.0 or 3.1 vector, or undefined when it is not one. */
export function cvss3BaseScore(vector: string): number | undefined {
  const match = /^CVSS:3\.[01]\/(.+)$/.exec(vector.trim());
  if (!match) return undefined;
  const m = Object.fromEntries(
    match[1].split('/').map(part => part.split(':') as [string, string]),
  );
  const pick = <T extends Record<string, number>>(table: T, key: string) =>
    (table as Record<string, number>)[m[key]];
  const scopeChanged = m.S === 'C';
  if (m.S !== 'U' && !scopeChanged) return undefined;
  const privileges = {
    N: 0.85,
    L: scopeChanged ? 0.68 : 0.62,
    H: scopeChanged ? 0.5 : 0.27,
  };
  const av = pick(WEIGHTS.AV, 'AV');
  const ac = pick(WEIGHTS.AC, 'AC');
  const pr = pick(privileges, 'PR');
  const ui = pick(WEIGHTS.UI, 'UI');
  const [c, i, a] = ['C', 'I', 'A'].map(k => pick(WEIGHTS.CIA, k));
  if ([av, ac, pr, ui, c, i, a].some(w => w === undefined)) return undefined;
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = scopeChanged
    ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15)
    : 6.42 * iss;
  if (impact <= 0) return 0;
  const exploitability = 8.22 * av * ac * pr * ui;
  return roundUp(
    Math.min((scopeChanged ? 1.08 : 1) * (impact + exploitability), 10),
  );
}

/** The CVSS qualitative rating of a base score, in GitHub's words (moderate for medium). */
export function severityOfScore(score: number): AdvisorySeverity | undefined {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'moderate';
  if (score > 0) return 'low';
  return undefined;
}

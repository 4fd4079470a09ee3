import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import {
  AdviseContext,
  Assessment,
  RiskLevel,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { Knowledge } from '../knowledge/loadKnowledge';
import {
  BUILTIN_KNOWLEDGE_DIR,
  builtinKnowledge,
} from '../__testUtils__/knowledge';
import { adviseOn } from '../service/adviseOn';

const GOLDEN_DIR = join(BUILTIN_KNOWLEDGE_DIR, 'golden');
const now = new Date('2026-01-01T00:00:00Z');

interface GoldenSet {
  contexts: Record<string, AdviseContext>;
  cases: {
    id: string;
    server: string;
    context: string;
    label: RiskLevel;
    reason: string;
  }[];
  orderings: { riskier: string; than: string; reason: string }[];
}

const golden: GoldenSet = parse(
  readFileSync(join(GOLDEN_DIR, 'cases.yaml'), 'utf8'),
);

describe('the golden set of labelled real servers', () => {
  let assessments: Map<string, Assessment>;
  beforeAll(async () => {
    const knowledge: Knowledge = await builtinKnowledge();
    assessments = new Map(
      golden.cases.map(c => [
        c.id,
        adviseOn(
          {
            serverJson: JSON.parse(
              readFileSync(join(GOLDEN_DIR, 'servers', c.server), 'utf8'),
            ),
            context: golden.contexts[c.context],
          },
          knowledge,
          now,
        ),
      ]),
    );
  });

  it('holds at least 40 cases over distinct real servers, each with a reason', () => {
    expect(golden.cases.length).toBeGreaterThanOrEqual(40);
    expect(
      new Set(golden.cases.map(c => c.server)).size,
    ).toBeGreaterThanOrEqual(40);
    for (const c of golden.cases) {
      expect(golden.contexts[c.context]).toBeDefined();
      expect(c.reason.length).toBeGreaterThan(10);
    }
  });

  it('reads every server.json without a schema finding', () => {
    const unreadable = golden.cases.filter(c =>
      assessments
        .get(c.id)!
        .findings.some(f => f.id.startsWith('server-json-')),
    );
    expect(unreadable.map(c => c.id)).toEqual([]);
  });

  it('agrees with at least 90% of the reviewer labels', () => {
    const disagreements = golden.cases
      .filter(c => assessments.get(c.id)!.risk.level !== c.label)
      .map(
        c =>
          `${c.id}: labelled ${c.label}, assessed ${
            assessments.get(c.id)!.risk.level
          } (${assessments.get(c.id)!.risk.score})`,
      );
    const agreement = 1 - disagreements.length / golden.cases.length;
    // On failure, the list says which labels to argue with.
    expect(agreement >= 0.9 ? [] : disagreements).toEqual([]);
  });

  it.each(golden.orderings.map(o => [o.riskier, o.than, o.reason] as const))(
    '%s scores riskier than %s: %s',
    (riskier, than) => {
      expect(assessments.get(riskier)!.risk.score).toBeGreaterThan(
        assessments.get(than)!.risk.score,
      );
    },
  );
});

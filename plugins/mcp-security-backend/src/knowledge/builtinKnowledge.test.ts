import { readFileSync } from 'fs';
import { join } from 'path';
import { controlCategories } from './schema';
import {
  BUILTIN_KNOWLEDGE_DIR,
  builtinKnowledge,
} from '../__testUtils__/knowledge';

describe('the built-in knowledge base', () => {
  it('has at least 40 controls over at least 10 categories, each category used', async () => {
    const { controls } = await builtinKnowledge();
    expect(controls.length).toBeGreaterThanOrEqual(40);
    const categories = new Set(controls.map(c => c.category));
    expect(categories.size).toBeGreaterThanOrEqual(10);
    expect([...categories].sort()).toEqual([...controlCategories].sort());
  });

  it('never lets a control take more off a factor than the model can give it', async () => {
    const { controls, model } = await builtinKnowledge();
    const l = model.risk.likelihood;
    const most: Record<string, number> = {
      isolation: Math.max(...Object.values(l.isolation)),
      auth: Math.max(...Object.values(l.auth)),
      exposure: Math.max(...Object.values(l.exposure)),
      'unpinned-packages': l.unpinnedPackage,
      'launch-time-download': l.launchTimeDownload,
      'secrets-in-arguments': l.secretsInArguments,
      'plain-http': l.plainHttpRemote,
      'egress-unrestricted': l.egressWithoutAllowlist,
      findings: l.findingCap,
      'trust-tier': Math.max(...Object.values(l.trustTier)),
      capabilities: model.risk.impact.capabilityCap,
      'capabilities-undeclared': model.risk.impact.undeclaredCapabilities,
      'data-classification': Math.max(
        ...Object.values(model.risk.impact.dataClassification),
      ),
      'deployment-context': Math.max(
        ...Object.values(model.risk.impact.deploymentContext),
      ),
      hosting: Math.max(...Object.values(l.hosting)),
      lookalike: l.lookalike,
    };
    for (const control of controls) {
      for (const m of control.mitigates) {
        expect({
          control: control.id,
          factor: m.factor,
          points: Math.min(m.points, most[m.factor]),
        }).toEqual({
          control: control.id,
          factor: m.factor,
          points: m.points,
        });
      }
    }
  });
  it('gives the reasoning for every trust and risk weight on its own line', () => {
    const lines = readFileSync(
      join(BUILTIN_KNOWLEDGE_DIR, 'model.yaml'),
      'utf8',
    ).split('\n');
    const start = lines.indexOf('trust:');
    const end = lines.findIndex(l => l.startsWith('assuranceLevels:'));
    const weights = lines
      .slice(start, end)
      .filter(l => /^\s+[\w-]+:\s*(-?\d|\{)/.test(l));
    expect(weights.length).toBeGreaterThan(50);
    expect(weights.filter(l => !/\s#\s\S/.test(l))).toEqual([]);
  });
});

import { readFileSync } from 'fs';
import { join } from 'path';
import {
  AdviseContext,
  RiskLevel,
  TrustAssessment,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { FIXTURES_DIR } from '../__fixtures__';
import { Knowledge } from '../knowledge/loadKnowledge';
import { builtinKnowledge } from '../__testUtils__/knowledge';
import { profileForAdvice } from '../service/adviseOn';
import { assessRisk, assessTrust } from './assess';
import { judgeProvenance } from './provenance';

/**
 * Every third of the 964 latest servers of the official MCP Registry's
 * December 2025 snapshot (v0.1 list shape), as served: assessed in one
 * context, a useful judgement spreads them over the levels and tells
 * domain-verified publishers from GitHub accounts.
 */
const { servers } = JSON.parse(
  readFileSync(join(FIXTURES_DIR, 'registry-sample.json'), 'utf8'),
) as { servers: { server: { name: string } }[] };

// The context of the issue that found everything rated high.
const context: AdviseContext = {
  deploymentContext: 'production',
  exposure: 'internal',
  dataClassification: 'confidential',
};

describe('a real registry sample in one context', () => {
  let judged: {
    name: string;
    level: RiskLevel;
    trust: TrustAssessment;
    hosting?: string;
  }[];
  beforeAll(async () => {
    const knowledge: Knowledge = await builtinKnowledge();
    // The risk POST /advise gives, without matching every control.
    judged = servers.map(({ server }) => {
      const profile = profileForAdvice({ serverJson: server, context });
      const provenance = judgeProvenance(profile, knowledge.model.provenance);
      const trust = assessTrust(profile, knowledge.model, provenance);
      return {
        name: server.name,
        level: assessRisk(profile, trust, knowledge.model, provenance).level,
        trust,
        hosting: provenance.hosting?.value,
      };
    });
  });

  it('holds several hundred servers', () => {
    expect(judged.length).toBeGreaterThanOrEqual(300);
  });

  it('puts no more than 60% of them in one risk level', () => {
    const counts = new Map<RiskLevel, number>();
    for (const { level } of judged) {
      counts.set(level, (counts.get(level) ?? 0) + 1);
    }
    const largest = Math.max(...counts.values());
    expect({
      counts: Object.fromEntries(counts),
      largestShare: largest / judged.length <= 0.6,
    }).toEqual({
      counts: expect.any(Object),
      largestShare: true,
    });
    // At least three levels are in use: the judgement separates, not only ranks.
    expect(counts.size).toBeGreaterThanOrEqual(3);
  });

  it('tells domain-verified publishers from GitHub accounts', () => {
    const verifiedByDomain = (t: TrustAssessment) =>
      t.signals.some(s => s.id === 'domain-verified-publisher');
    const github = judged.filter(j => j.name.startsWith('io.github.'));
    const domain = judged.filter(
      j =>
        !j.name.startsWith('io.github.') && j.hosting !== 'third-party-hosted',
    );
    expect(github.some(j => verifiedByDomain(j.trust))).toBe(false);
    expect(domain.every(j => verifiedByDomain(j.trust))).toBe(true);
    const trustedShare = (group: typeof judged) =>
      group.filter(j => j.trust.tier === 'trusted').length / group.length;
    expect(trustedShare(domain)).toBeGreaterThanOrEqual(0.2);
    expect(trustedShare(github)).toBeLessThanOrEqual(0.05);
    const mean = (group: typeof judged) =>
      group.reduce((t, j) => t + j.trust.score, 0) / group.length;
    expect(mean(domain)).toBeGreaterThan(mean(github) + 5);
  });

  it('tells re-hosted servers apart from their publishers’ own', () => {
    const rehosted = judged.filter(j => j.name.startsWith('ai.smithery/'));
    expect(rehosted.length).toBeGreaterThan(30);
    expect(rehosted.every(j => j.hosting === 'third-party-hosted')).toBe(true);
    expect(
      rehosted.every(j =>
        j.trust.signals.every(s => s.id !== 'first-party-publisher'),
      ),
    ).toBe(true);
  });
});

import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import {
  AdviseContext,
  capabilitySchema,
  dataClassificationSchema,
  deploymentContextSchema,
  exposureSchema,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { Knowledge } from '../knowledge/loadKnowledge';
import {
  BUILTIN_KNOWLEDGE_DIR,
  builtinKnowledge,
} from '../__testUtils__/knowledge';
import { adviseOn, profileForAdvice } from '../service/adviseOn';
import { assessRisk, assessTrust } from './assess';
import { judgeProvenance } from './provenance';

const SERVERS_DIR = join(BUILTIN_KNOWLEDGE_DIR, 'golden', 'servers');
const now = new Date('2026-01-01T00:00:00Z');

type ServerJson = Record<string, any>;

const servers: ServerJson[] = readdirSync(SERVERS_DIR)
  .sort()
  .map(file => JSON.parse(readFileSync(join(SERVERS_DIR, file), 'utf8')));

const production: AdviseContext = {
  deploymentContext: 'production',
  exposure: 'internal',
  dataClassification: 'confidential',
};

/** A package under the individual's own npm scope or image owner; other kinds stay as they are. */
function republished(pkg: ServerJson, keepName: boolean): string {
  const last = pkg.identifier.split('/').pop();
  if (pkg.registryType === 'npm') {
    return `@someone/${keepName ? last : `${last}-fork`}`;
  }
  if (pkg.registryType === 'oci') return `ghcr.io/someone/${last}`;
  return pkg.identifier;
}

/** The same server republished by an individual: their namespace, repository, scope and host. */
function individualCopy(server: ServerJson, keepName: boolean): ServerJson {
  const [, name] = server.name.split('/');
  return {
    ...server,
    name: `io.github.someone/${keepName ? name : `${name}-fork`}`,
    repository: {
      url: 'https://github.com/someone/copied-server',
      source: 'github',
    },
    packages: server.packages?.map((p: ServerJson) => ({
      ...p,
      identifier: republished(p, keepName),
    })),
    remotes: server.remotes?.map((r: ServerJson) => ({
      ...r,
      url: `https://mcp.someone-hosting.example/${name}`,
    })),
  };
}

describe('judgement properties', () => {
  let knowledge: Knowledge;
  // Risk alone, as adviseOn scores it, without matching every control.
  const score = (
    serverJson: ServerJson,
    context: AdviseContext = production,
  ) => {
    const profile = profileForAdvice({ serverJson, context });
    const provenance = judgeProvenance(profile, knowledge.model.provenance);
    const trust = assessTrust(profile, knowledge.model, provenance);
    return assessRisk(profile, trust, knowledge.model, provenance);
  };
  const isOfficial = (server: ServerJson) =>
    knowledge.model.provenance.officialServers.some(o =>
      o.namespaces.includes(
        server.name.split('/')[0].toLocaleLowerCase('en-US'),
      ),
    );
  beforeAll(async () => {
    knowledge = await builtinKnowledge();
  });

  it('never scores the same server lower in a riskier context', () => {
    const steps: [keyof AdviseContext, readonly string[]][] = [
      ['deploymentContext', deploymentContextSchema.options],
      ['exposure', exposureSchema.options],
      ['dataClassification', dataClassificationSchema.options],
    ];
    // A third of the set keeps the test fast; every context step is still covered.
    for (const server of servers.filter((_, i) => i % 3 === 0)) {
      for (const [fact, values] of steps) {
        const scores = values.map(
          value => score(server, { ...production, [fact]: value }).score,
        );
        expect({ server: server.name, fact, scores }).toEqual({
          server: server.name,
          fact,
          scores: [...scores].sort((a, b) => a - b),
        });
      }
    }
  });

  it("never scores an individual's server with the same tools below the vendor's", () => {
    const vendors = servers.filter(server =>
      adviseOn(
        { serverJson: server, context: production },
        knowledge,
        now,
      ).trust.signals.some(signal => signal.id === 'first-party-publisher'),
    );
    expect(vendors.length).toBeGreaterThanOrEqual(15);
    const below = vendors
      .filter(
        server =>
          score(individualCopy(server, false)).score < score(server).score,
      )
      .map(server => server.name);
    expect(below).toEqual([]);
  });

  it('always scores a lookalike of an official server above the original', () => {
    const officials = servers.filter(isOfficial);
    expect(officials.length).toBeGreaterThanOrEqual(10);
    const notAbove: string[] = [];
    for (const server of officials) {
      const official = knowledge.model.provenance.officialServers.find(o =>
        o.namespaces.includes(
          server.name.split('/')[0].toLocaleLowerCase('en-US'),
        ),
      )!;
      // An individual's copy under the official name, and one a homoglyph away from it.
      for (const name of official.names.flatMap(n => [
        n,
        n.replace(/i/g, '1'),
      ])) {
        const copy = {
          ...individualCopy(server, true),
          name: `io.github.someone/${name}`,
        };
        const profile = profileForAdvice({
          serverJson: copy,
          context: production,
        });
        const flagged =
          judgeProvenance(profile, knowledge.model.provenance).lookalikes
            .length > 0;
        if (!flagged || score(copy).score <= score(server).score) {
          notAbove.push(`${copy.name} (flagged: ${flagged})`);
        }
      }
    }
    expect(notAbove).toEqual([]);
  });

  it('rates a known-malicious package critical in any context', () => {
    const malicious = {
      name: 'io.github.someone/postmark-mcp',
      description: 'Send emails with Postmark',
      version: '1.0.16',
      repository: { url: 'https://github.com/someone/postmark-mcp' },
      packages: [
        {
          registryType: 'npm',
          identifier: 'postmark-mcp',
          version: '1.0.16',
          transport: { type: 'stdio' },
        },
      ],
    };
    const safest: AdviseContext = {
      deploymentContext: 'development',
      exposure: 'local',
      dataClassification: 'public',
      capabilities: ['read-only-api'],
      isolation: 'vm',
    };
    const assessment = adviseOn(
      { serverJson: malicious, context: safest },
      knowledge,
      now,
    );
    expect(assessment.risk.level).toBe('critical');
    expect(assessment.trust.tier).toBe('unknown');
    expect(assessment.risk.factors.map(f => f.id)).toContain('known-malicious');
  });

  it('never lowers the risk when a capability is added', () => {
    const bases = [
      [],
      ['read-only-api'],
      ['filesystem-read', 'network-egress'],
    ];
    const lowered: string[] = [];
    for (const server of servers.slice(0, 5)) {
      for (const base of bases) {
        const before = score(server, {
          ...production,
          capabilities: base as AdviseContext['capabilities'],
        }).score;
        for (const added of capabilitySchema.options) {
          const after = score(server, {
            ...production,
            capabilities: [
              ...new Set([...base, added]),
            ] as AdviseContext['capabilities'],
          }).score;
          if (after < before) lowered.push(`${server.name} + ${added}`);
        }
      }
    }
    expect(lowered).toEqual([]);
  });

  it('never raises the risk when the publisher is verified by its domain', () => {
    // Officials' namespaces are their identity: renaming them would make an impostor.
    const individuals = servers.filter(
      s => s.name.startsWith('io.github.') && !isOfficial(s),
    );
    expect(individuals.length).toBeGreaterThanOrEqual(10);
    const raised = individuals
      .filter(server => {
        const [namespace, name] = server.name.split('/');
        const owner = namespace.slice('io.github.'.length);
        const verified = { ...server, name: `com.${owner}/${name}` };
        return score(verified).score > score(server).score;
      })
      .map(server => server.name);
    expect(raised).toEqual([]);
  });
});

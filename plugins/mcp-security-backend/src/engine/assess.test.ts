import { Knowledge } from '../knowledge/loadKnowledge';
import { builtinKnowledge } from '../__testUtils__/knowledge';
import { McpServerProfile } from '@mcp-server-operator/plugin-mcp-security-common';
import { fixtureSource, mcpServerEntity } from '../__fixtures__';
import { deriveProfile } from '../profile/deriveProfile';
import { assess, riskLevelOf } from './assess';

const now = new Date('2026-11-21T10:00:00Z');

function filesystemInProduction(annotations: Record<string, string> = {}) {
  return deriveProfile(
    mcpServerEntity({
      annotations: {
        'mcp-security.io/deployment-context': 'production',
        'mcp-security.io/exposure': 'internal',
        'mcp-security.io/data-classification': 'confidential',
        'mcp-security.io/capabilities': 'filesystem-read,filesystem-write',
        'mcp-security.io/isolation': 'none',
        ...annotations,
      },
      remotes: [
        {
          type: 'stdio',
          url: 'npx -y @modelcontextprotocol/server-filesystem@0.6.3 /srv',
        },
      ],
    }),
    fixtureSource('filesystem'),
  );
}

const total = (items: { points: number }[]) =>
  items.reduce((t, i) => t + i.points, 0);

describe('assess', () => {
  let knowledge: Knowledge;
  beforeAll(async () => {
    knowledge = await builtinKnowledge();
  });

  it('rates the filesystem server with write access in production, unisolated, as high risk', () => {
    const assessment = assess(filesystemInProduction(), knowledge, {
      entityRef: 'api:default/fs',
      now,
    });
    expect(assessment.trust.tier).toBe('trusted');
    expect(assessment.risk.level).toBe('high');
    expect(assessment.risk.factors.map(f => f.id)).toEqual(
      expect.arrayContaining([
        'capabilities',
        'data-classification',
        'deployment-context',
        'isolation',
        'launch-time-download',
      ]),
    );
    expect(
      assessment.risk.factors.find(f => f.id === 'isolation'),
    ).toMatchObject({
      points: 10,
      reason: expect.stringContaining('without isolation'),
    });
  });

  it('lowers the risk when the same server runs in a container', () => {
    const bare = assess(filesystemInProduction(), knowledge, { now });
    const contained = assess(
      filesystemInProduction({ 'mcp-security.io/isolation': 'container' }),
      knowledge,
      { now },
    );
    expect(contained.risk.score).toBe(bare.risk.score - 8);
  });

  it('rates a read-only remote server with OAuth used in development as low risk', () => {
    const profile = deriveProfile(
      mcpServerEntity({
        annotations: {
          'mcp-security.io/deployment-context': 'development',
          'mcp-security.io/exposure': 'internet',
          'mcp-security.io/data-classification': 'public',
          'mcp-security.io/capabilities': 'read-only-api',
          'mcp-security.io/auth': 'oauth2',
        },
        remotes: [
          { type: 'streamable-http', url: 'https://mcp.example.com/mcp' },
        ],
      }),
      { status: 'absent' },
    );
    expect(assess(profile, knowledge, { now }).risk.level).toBe('low');
  });

  it('assumes the worst for undeclared facts and says so', () => {
    const profile = deriveProfile(
      mcpServerEntity({
        remotes: [{ type: 'stdio', url: 'npx -y some-server' }],
      }),
      { status: 'absent' },
    );
    const { risk, trust } = assess(profile, knowledge, { now });
    expect(trust.tier).toBe('unknown');
    expect(risk.factors.map(f => f.reason)).toEqual(
      expect.arrayContaining([
        'Capabilities are not declared and nothing the server says reveals them, so moderate access is assumed',
        'Data classification is not declared; confidential data is assumed',
        'Deployment context is not declared; production is assumed',
      ]),
    );
    expect(['high', 'critical']).toContain(risk.level);
  });

  it('explains every point: scores are the sum of their reasons', () => {
    for (const name of ['filesystem', 'terraform', 'neon', 'apify'] as const) {
      const { trust, risk } = assess(
        deriveProfile(mcpServerEntity(), fixtureSource(name)),
        knowledge,
        { now },
      );
      expect(risk.score).toBe(Math.min(100, total(risk.factors)));
      expect(trust.score).toBe(
        Math.max(0, Math.min(100, total(trust.signals))),
      );
      for (const item of [...risk.factors, ...trust.signals]) {
        expect(item.reason.length).toBeGreaterThan(10);
      }
    }
  });

  it('is deterministic and stamps its inputs', () => {
    const profile: McpServerProfile = filesystemInProduction();
    const first = assess(profile, knowledge, {
      entityRef: 'api:default/fs',
      now,
    });
    const second = assess(structuredClone(profile), knowledge, {
      entityRef: 'api:default/fs',
      now,
    });
    expect(second).toEqual(first);
    expect(first).toMatchObject({
      entityRef: 'api:default/fs',
      assessedAt: '2026-11-21T10:00:00.000Z',
      profileHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      knowledgeVersion: expect.any(String),
      engineVersion: expect.any(String),
    });
  });

  it('keeps "trusted" for vendors publishing their own server, however well a community server scores', () => {
    const community = deriveProfile(mcpServerEntity(), {
      status: 'read',
      target: 'server.json',
      text: JSON.stringify({
        name: 'io.github.someone/files',
        description: 'x',
        version: '1.0.0',
        repository: {
          url: 'https://github.com/someone/files',
          source: 'github',
        },
        packages: [
          {
            registryType: 'npm',
            identifier: 'files',
            version: '1.0.0',
            transport: { type: 'stdio' },
          },
        ],
      }),
    });
    const { trust } = assess(community, knowledge, { now });
    expect(trust.score).toBeGreaterThanOrEqual(75);
    expect(trust.tier).toBe('community');
  });

  it('scores an unpinned package once, not again as a finding', () => {
    const profile = deriveProfile(
      mcpServerEntity({
        remotes: [{ type: 'stdio', url: 'npx -y @playwright/mcp@latest' }],
      }),
      { status: 'absent' },
    );
    const { trust, risk } = assess(profile, knowledge, { now });
    expect(profile.findings.map(f => f.id)).toEqual([
      'package-unpinned:@playwright/mcp',
    ]);
    expect(risk.factors.map(f => f.id)).toContain('unpinned-packages');
    expect(risk.factors.map(f => f.id)).not.toContain('findings');
    expect(trust.signals.map(s => s.id)).toContain('unpinned-versions');
    expect(trust.signals.map(s => s.id)).not.toContain('findings');
  });

  it('honours a trust override with its reason', () => {
    const profile = deriveProfile(
      mcpServerEntity({
        annotations: {
          'mcp-security.io/trust-override': 'trusted',
          'mcp-security.io/trust-override-reason':
            'Written and reviewed in-house',
        },
      }),
      { status: 'absent' },
    );
    const { trust } = assess(profile, knowledge, { now });
    expect(trust.tier).toBe('trusted');
    expect(trust.signals).toContainEqual(
      expect.objectContaining({
        id: 'trust-override',
        reason: expect.stringContaining('Written and reviewed in-house'),
      }),
    );
  });

  it.each([
    [0, 'low'],
    [29, 'low'],
    [30, 'medium'],
    [50, 'high'],
    [70, 'critical'],
    [100, 'critical'],
  ] as const)('maps score %d to %s', (score, level) => {
    expect(riskLevelOf(score, knowledge.model.risk.levels)).toBe(level);
  });
});

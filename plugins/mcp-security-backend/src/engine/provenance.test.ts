import { mcpServerEntity } from '../__fixtures__';
import { Knowledge } from '../knowledge/loadKnowledge';
import { builtinKnowledge } from '../__testUtils__/knowledge';
import { deriveProfile } from '../profile/deriveProfile';
import { judgeProvenance } from './provenance';

function judge(
  knowledge: Knowledge,
  serverJson: Record<string, unknown>,
  annotations: Record<string, string> = {},
) {
  const profile = deriveProfile(mcpServerEntity({ annotations }), {
    status: 'read',
    target: 'server.json',
    text: JSON.stringify({
      description: 'A server',
      version: '1.0.0',
      ...serverJson,
    }),
  });
  return judgeProvenance(profile, knowledge.model.provenance);
}

const npm = (identifier: string, version = '1.0.0', extra = {}) => ({
  registryType: 'npm',
  identifier,
  version,
  transport: { type: 'stdio' },
  ...extra,
});

describe('judgeProvenance', () => {
  let knowledge: Knowledge;
  beforeAll(async () => {
    knowledge = await builtinKnowledge();
  });

  it('reads a reverse-DNS namespace as a verified domain and io.github as a GitHub account', () => {
    expect(
      judge(knowledge, { name: 'com.cloudflare.mcp/mcp' }).publisher,
    ).toMatchObject({ verification: 'domain', domain: 'mcp.cloudflare.com' });
    expect(
      judge(knowledge, { name: 'io.github.someone/tool' }).publisher,
    ).toMatchObject({ verification: 'github', domain: undefined });
  });

  it('lists a repository and an image published by someone else than the namespace', () => {
    const { publisher } = judge(knowledge, {
      name: 'io.github.someone/tool',
      repository: { url: 'https://github.com/other/tool' },
      packages: [
        {
          registryType: 'oci',
          identifier: 'docker.io/third/tool:1.0.0',
          transport: { type: 'stdio' },
        },
      ],
    });
    expect(publisher.mismatches).toEqual([
      'the repository https://github.com/other/tool belongs to other',
      'docker.io/third/tool:1.0.0 is published by third',
    ]);
  });

  it('tells vendor-hosted, third-party-hosted and self-hosted remotes apart', () => {
    const remote = (url: string) => ({
      remotes: [{ type: 'streamable-http', url }],
    });
    expect(
      judge(knowledge, {
        name: 'com.stripe/mcp',
        ...remote('https://mcp.stripe.com'),
      }).hosting,
    ).toMatchObject({ value: 'vendor-hosted', source: 'derived' });
    expect(
      judge(knowledge, {
        name: 'ai.smithery/someone-tool',
        ...remote('https://server.smithery.ai/@someone/tool/mcp'),
      }).hosting,
    ).toMatchObject({
      value: 'third-party-hosted',
      evidence: expect.stringContaining('smithery.ai'),
    });
    expect(
      judge(knowledge, {
        name: 'com.example/tool',
        ...remote('https://tool.elsewhere.example/mcp'),
      }).hosting?.value,
    ).toBe('third-party-hosted');
    expect(
      judge(knowledge, {
        name: 'io.github.someone/tool',
        ...remote('http://mcp.internal:8080/mcp'),
      }).hosting?.value,
    ).toBe('self-hosted');
    expect(
      judge(
        knowledge,
        {
          name: 'com.example/tool',
          ...remote('https://tool.elsewhere.example/mcp'),
        },
        { 'mcp-security.io/hosting': 'vendor-hosted' },
      ).hosting,
    ).toMatchObject({ value: 'vendor-hosted', source: 'annotation' });
  });

  it('finds lookalikes by name, scope and homoglyph, but not connectors named after a service', () => {
    const lookalike = (name: string, identifier = '@someone/tool') =>
      judge(knowledge, { name, packages: [npm(identifier)] }).lookalikes;
    expect(lookalike('io.github.someone/github-mcp-server')).toEqual([
      expect.objectContaining({ vendor: 'GitHub' }),
    ]);
    expect(
      lookalike('io.github.someone/tool', '@someone/mcp-server-supabase'),
    ).toEqual([expect.objectContaining({ vendor: 'Supabase' })]);
    expect(lookalike('io.github.strlpe/tool')).toEqual([
      expect.objectContaining({ vendor: 'Stripe' }),
    ]);
    expect(lookalike('io.github.someone/supabase')).toEqual([]);
    expect(lookalike('io.github.github/github-mcp-server')).toEqual([]);
  });

  it('reports release signals with their evidence', () => {
    const signals = judge(knowledge, {
      name: 'io.github.someone/tool',
      version: '2.0.0',
      remotes: [],
      packages: [
        npm('@someone/tool', '1.0.0-beta.2', {
          packageArguments: [
            { type: 'named', name: '--api-key' },
            { type: 'named', name: '--host', default: '0.0.0.0' },
          ],
        }),
      ],
    }).releaseSignals.map(s => s.id);
    expect(signals).toEqual([
      'pre-release',
      'version-differs',
      'unmarked-secret-argument',
      'binds-all-interfaces',
    ]);
    expect(
      judge(knowledge, {
        name: 'io.github.someone/tool',
        version: '0.0.0',
        remotes: [{ type: 'sse', url: 'https://tool.example/sse' }],
      }).releaseSignals.map(s => s.id),
    ).toEqual(['template-version', 'sse-only']);
  });

  it('infers capabilities from what the server says, unless they are declared', () => {
    const server = {
      name: 'io.github.someone/tool',
      description: 'Run shell commands and query your Postgres database',
    };
    expect(judge(knowledge, server).inferredCapabilities).toEqual([
      {
        value: 'shell-exec',
        source: 'derived',
        evidence: 'description mentions "shell"',
      },
      {
        value: 'database-write',
        source: 'derived',
        evidence: 'description mentions "Postgres"',
      },
      expect.objectContaining({ value: 'read-only-api' }),
    ]);
    expect(
      judge(knowledge, server, {
        'mcp-security.io/capabilities': 'read-only-api',
      }).inferredCapabilities,
    ).toEqual([]);
  });
});

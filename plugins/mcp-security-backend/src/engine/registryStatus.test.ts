import { fixtureSource, mcpServerEntity } from '../__fixtures__';
import { Knowledge } from '../knowledge/loadKnowledge';
import { deriveProfile } from '../profile/deriveProfile';
import { builtinKnowledge } from '../__testUtils__/knowledge';
import { assess } from './assess';
import { withRegistryStatus } from './registryStatus';

const now = new Date('2026-11-21T10:00:00Z');
const registryEntity = 'api:official/io.github.modelcontextprotocol-filesystem';

/** A team's internal, low-impact deployment that names its registry entry. */
function teamServer() {
  return deriveProfile(
    mcpServerEntity({
      annotations: {
        'mcp-security.io/registry-name':
          'io.github.modelcontextprotocol/filesystem',
        'mcp-security.io/deployment-context': 'development',
        'mcp-security.io/exposure': 'local',
        'mcp-security.io/data-classification': 'public',
        'mcp-security.io/capabilities': 'filesystem-read',
        'mcp-security.io/isolation': 'container',
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

describe('registry status in the assessment', () => {
  let knowledge: Knowledge;
  beforeAll(async () => {
    knowledge = await builtinKnowledge();
  });

  it('leaves a server whose registry entry is active as it was, apart from the status', () => {
    const profile = teamServer();
    const active = withRegistryStatus(profile, {
      status: 'active',
      entityRef: registryEntity,
    });
    expect(active.findings).toEqual(profile.findings);
    expect(assess(active, knowledge, { now }).risk.level).not.toBe('critical');
  });

  it('makes a server whose registry entry was deleted critical, with the registry’s reason', () => {
    const profile = withRegistryStatus(teamServer(), {
      status: 'deleted',
      message: 'Removed for malware',
      entityRef: registryEntity,
    });
    expect(profile.findings).toContainEqual({
      id: 'registry-deleted:io.github.modelcontextprotocol/filesystem',
      source: 'registry',
      severity: 'critical',
      field: 'mcp-security.io/registry-name',
      message: `The registry (${registryEntity}) marks io.github.modelcontextprotocol/filesystem deleted: Removed for malware`,
    });
    const assessment = assess(profile, knowledge, { now });
    expect(assessment.risk.level).toBe('critical');
    expect(assessment.risk.factors).toContainEqual(
      expect.objectContaining({
        id: 'registry-deleted',
        reason: expect.stringContaining('Removed for malware'),
      }),
    );
    expect(assessment.recommendations.map(r => r.controlId)).toContain(
      'remove-deleted-registry-server',
    );
  });

  it('gives a server whose registry entry is deprecated a finding and a migrate recommendation', () => {
    const profile = withRegistryStatus(teamServer(), {
      status: 'deprecated',
      message: 'Use io.github.acme/files',
      entityRef: registryEntity,
    });
    expect(profile.findings).toContainEqual(
      expect.objectContaining({
        id: 'registry-deprecated:io.github.modelcontextprotocol/filesystem',
        severity: 'medium',
      }),
    );
    const assessment = assess(profile, knowledge, { now });
    expect(assessment.recommendations.map(r => r.controlId)).toContain(
      'migrate-off-deprecated-registry-entry',
    );
    expect(assessment.recommendations.map(r => r.controlId)).not.toContain(
      'remove-deleted-registry-server',
    );
  });
});

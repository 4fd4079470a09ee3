import { ImportedFinding } from '@mcp-server-operator/plugin-mcp-security-common';
import { mcpServerEntity } from '../__fixtures__';
import { builtinKnowledge } from '../__testUtils__/knowledge';
import { withImportedFindings } from '../findings/withImportedFindings';
import { deriveProfile } from '../profile/deriveProfile';
import { assess } from './assess';

const now = new Date('2026-12-05T00:00:00Z');

const finding = (
  severity: ImportedFinding['severity'],
  fingerprint: string,
): ImportedFinding => ({
  sourceTool: 'cisco-mcp-scanner',
  ruleId: 'llm_analyzer',
  severity,
  title: 'TOOL POISONING',
  message: 'The description hides instructions',
  toolName: 'add',
  fingerprint,
});

const seen = { firstSeen: now.toISOString(), lastSeen: now.toISOString() };

/** A low-risk server: read-only public data, local, in a container, pinned. */
const calm = () =>
  deriveProfile(
    mcpServerEntity({
      name: 'calc',
      annotations: {
        'mcp-security.io/deployment-context': 'development',
        'mcp-security.io/exposure': 'local',
        'mcp-security.io/data-classification': 'public',
        'mcp-security.io/capabilities': 'filesystem-read',
        'mcp-security.io/isolation': 'container',
      },
      remotes: [{ type: 'stdio', url: 'npx -y @acme/calc-mcp@1.2.3' }],
    }),
    { status: 'absent' },
  );

describe('the effect of imported findings on the assessment', () => {
  it('adds likelihood by severity with a reason naming tool, rule and MCP tool', async () => {
    const knowledge = await builtinKnowledge();
    const clean = assess(calm(), knowledge, { now });
    const found = assess(
      withImportedFindings(calm(), [{ ...finding('medium', 'a'), ...seen }]),
      knowledge,
      { now },
    );
    const factor = found.risk.factors.find(f => f.id === 'imported-findings');
    expect(factor).toMatchObject({
      dimension: 'likelihood',
      points: knowledge.model.importedFindings.severity.medium,
    });
    expect(factor?.reason).toContain(
      'cisco-mcp-scanner llm_analyzer on tool add (medium): TOOL POISONING',
    );
    expect(found.risk.score).toBeGreaterThan(clean.risk.score);
    expect(clean.risk.factors.map(f => f.id)).not.toContain(
      'imported-findings',
    );
  });

  it('keeps a server with an open critical finding at least high, whatever its points', async () => {
    const builtin = await builtinKnowledge();
    // Few points per critical finding, so only the floor can make it high.
    const weights = builtin.model.importedFindings;
    const knowledge = {
      ...builtin,
      model: {
        ...builtin.model,
        importedFindings: {
          ...weights,
          severity: { ...weights.severity, critical: 5 },
        },
      },
    };
    expect(assess(calm(), knowledge, { now }).risk.level).toBe('medium');
    const critical = assess(
      withImportedFindings(calm(), [{ ...finding('critical', 'c'), ...seen }]),
      knowledge,
      { now },
    );
    expect(critical.risk).toMatchObject({
      level: 'high',
      score: builtin.model.risk.levels.high,
    });
    expect(
      critical.risk.factors.find(f => f.id === 'imported-findings')?.reason,
    ).toContain('an open critical finding keeps the server at least high');
  });

  it('caps the points and names the first findings only', async () => {
    const knowledge = await builtinKnowledge();
    const many = Array.from({ length: 8 }, (_, i) => ({
      ...finding('high', `h${i}`),
      ...seen,
    }));
    const factor = assess(withImportedFindings(calm(), many), knowledge, {
      now,
    }).risk.factors.find(f => f.id === 'imported-findings');
    expect(factor?.points).toBe(knowledge.model.importedFindings.cap);
    expect(factor?.reason).toMatch(/; and 3 more$/);
  });

  it('leaves when imports saw a finding out of the profile, so re-imports keep its hash', () => {
    const profile = withImportedFindings(calm(), [
      { ...finding('low', 'l'), ...seen },
    ]);
    expect(profile.importedFindings).toEqual([finding('low', 'l')]);
  });
});

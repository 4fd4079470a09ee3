import { join } from 'node:path';
import { PackageProfile } from '@mcp-server-operator/plugin-mcp-security-common';
import { FIXTURES_DIR } from '../__fixtures__';
import { builtinKnowledge } from '../__testUtils__/knowledge';
import { readAdvisoryFolder } from '../advisories/readAdvisorySource';
import { OsvRecord } from '../advisories/osvRecord';
import { mcpServerEntity } from '../__fixtures__';
import { deriveProfile } from '../profile/deriveProfile';
import {
  AdvisoryIndex,
  indexAdvisories,
  matchAdvisories,
  withAdvisories,
} from './advisories';
import { assess } from './assess';

const npm = (identifier: string, version?: string): PackageProfile => ({
  registryType: 'npm',
  identifier,
  ...(version ? { version } : {}),
  pinned: !!version && /^\d/.test(version),
  runtimeHint: 'npx',
  transport: 'stdio',
});

let index: AdvisoryIndex;
beforeAll(async () => {
  const { records } = await readAdvisoryFolder(
    join(FIXTURES_DIR, 'osv', 'npm'),
    1024 * 1024,
  );
  index = indexAdvisories(records);
});

describe('matchAdvisories', () => {
  it('finds the malicious postmark-mcp release from its introduced version on, and nothing before it', () => {
    const [match] = matchAdvisories([npm('postmark-mcp', '1.0.16')], index);
    expect(match).toMatchObject({
      advisoryId: 'MAL-2025-47604',
      malicious: true,
      certainty: 'affected',
      affectedRange: '>=1.0.16',
      summary: 'Malicious code in postmark-mcp (npm)',
    });
    expect(match.fixedVersion).toBeUndefined();
    expect(
      matchAdvisories([npm('postmark-mcp', '1.0.17')], index),
    ).toHaveLength(1);
    expect(matchAdvisories([npm('postmark-mcp', '1.0.15')], index)).toEqual([]);
  });

  it('reads both GitHub ranges of the filesystem advisory: last_affected is included, fixed is not', () => {
    const ids = (version: string) =>
      matchAdvisories(
        [npm('@modelcontextprotocol/server-filesystem', version)],
        index,
      ).map(m => [m.advisoryId, m.fixedVersion, m.severity]);
    expect(ids('0.6.2')).toEqual([['GHSA-hc55-p739-j48w', undefined, 'high']]);
    expect(ids('0.6.3')).toEqual([]);
    expect(ids('2025.1.13')).toEqual([]);
    expect(ids('2025.1.14')).toEqual([
      ['GHSA-hc55-p739-j48w', '2025.7.1', 'high'],
    ]);
    expect(ids('2025.6.30')).toHaveLength(1);
    expect(ids('2025.7.1')).toEqual([]);
  });

  it('says an unpinned launch may resolve to an affected version only where that can happen', () => {
    const [latest] = matchAdvisories([npm('postmark-mcp', 'latest')], index);
    expect(latest).toMatchObject({ certainty: 'possible', malicious: true });
    expect(latest.reason).toContain('may resolve to an affected version');
    expect(matchAdvisories([npm('postmark-mcp')], index)).toHaveLength(1);
    // Every affected filesystem range is closed, so the newest release is fixed...
    expect(
      matchAdvisories([npm('@modelcontextprotocol/server-filesystem')], index),
    ).toEqual([]);
    // ...but a range that still allows an affected version may resolve to one.
    const [ranged] = matchAdvisories(
      [npm('@modelcontextprotocol/server-filesystem', '^2025.1.0')],
      index,
    );
    expect(ranged).toMatchObject({
      certainty: 'possible',
      fixedVersion: '2025.7.1',
    });
    expect(
      matchAdvisories(
        [npm('@modelcontextprotocol/server-filesystem', '>=2025.7.1')],
        index,
      ),
    ).toEqual([]);
  });

  it('rates a record without a stated severity by its CVSS 3 vector', () => {
    const record: OsvRecord = {
      id: 'GHSA-test-cvss-only',
      modified: '2025-07-09T00:00:00Z',
      severity: [
        {
          type: 'CVSS_V3',
          score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H',
        },
      ],
      affected: [
        {
          package: { ecosystem: 'npm', name: 'mcp-remote' },
          ranges: [
            {
              type: 'SEMVER',
              events: [{ introduced: '0.0.5' }, { fixed: '0.1.16' }],
            },
          ],
        },
      ],
    };
    expect(
      matchAdvisories([npm('mcp-remote', '0.1.15')], indexAdvisories([record])),
    ).toMatchObject([{ severity: 'critical', fixedVersion: '0.1.16' }]);
  });

  it('matches PyPI names and versions as PEP 440 orders them, and ignores withdrawn records', () => {
    const record: OsvRecord = {
      id: 'PYSEC-2099-1',
      modified: '2099-01-01T00:00:00Z',
      summary: 'Example',
      affected: [
        {
          package: { ecosystem: 'PyPI', name: 'Mcp_Server.Git' },
          ranges: [
            {
              type: 'ECOSYSTEM',
              events: [{ introduced: '0' }, { fixed: '2025.9.25' }],
            },
          ],
          versions: ['2025.7.1'],
        },
      ],
    };
    const pypi = (version: string): PackageProfile => ({
      registryType: 'pypi',
      identifier: 'mcp-server-git',
      version,
      pinned: true,
      transport: 'stdio',
    });
    expect(
      matchAdvisories([pypi('2025.7.1')], indexAdvisories([record])),
    ).toMatchObject([
      {
        advisoryId: 'PYSEC-2099-1',
        certainty: 'affected',
        fixedVersion: '2025.9.25',
      },
    ]);
    expect(
      matchAdvisories([pypi('2025.9.25')], indexAdvisories([record])),
    ).toEqual([]);
    // Not listed, but inside the ECOSYSTEM range by PEP 440 ordering.
    expect(
      matchAdvisories([pypi('2025.9.25rc1')], indexAdvisories([record])),
    ).toMatchObject([{ certainty: 'affected', fixedVersion: '2025.9.25' }]);
    expect(
      matchAdvisories([pypi('2025.9.25.post1')], indexAdvisories([record])),
    ).toEqual([]);
    expect(
      matchAdvisories(
        [pypi('2025.7.1')],
        indexAdvisories([{ ...record, withdrawn: '2099-02-01T00:00:00Z' }]),
      ),
    ).toEqual([]);
  });
});

describe('the effect of advisories on the assessment', () => {
  const postmark = (version: string, context: string) =>
    mcpServerEntity({
      name: 'postmark',
      annotations: {
        'mcp-security.io/deployment-context': context,
        'mcp-security.io/exposure': 'local',
        'mcp-security.io/data-classification': 'public',
        'mcp-security.io/capabilities': 'email-send',
        'mcp-security.io/isolation': 'container',
      },
      remotes: [{ type: 'stdio', url: `npx -y postmark-mcp@${version}` }],
    });
  const now = new Date('2026-12-01T00:00:00Z');

  it('makes a malicious version critical even in development, with removal as a P1', async () => {
    const knowledge = await builtinKnowledge();
    const clean = assess(
      withAdvisories(
        deriveProfile(postmark('1.0.15', 'development'), { status: 'absent' }),
        index,
      ),
      knowledge,
      { now },
    );
    // The advisory names 1.0.16 only; the model's own list of known-malicious
    // packages may still rate the package as a whole.
    expect(
      clean.risk.factors.find(f => f.id === 'malicious-package'),
    ).toBeUndefined();
    const bad = assess(
      withAdvisories(
        deriveProfile(postmark('1.0.16', 'development'), { status: 'absent' }),
        index,
      ),
      knowledge,
      { now },
    );
    expect(bad.risk.level).toBe('critical');
    expect(
      bad.risk.factors.find(f => f.id === 'malicious-package')?.reason,
    ).toContain('MAL-2025-47604');
    expect(bad.recommendations[0]).toMatchObject({
      controlId: 'remove-malicious-package',
      priority: 'P1',
    });
  });

  const filesystemAt = async (context: string, version: string) =>
    assess(
      withAdvisories(
        deriveProfile(
          mcpServerEntity({
            name: 'filesystem',
            annotations: { 'mcp-security.io/deployment-context': context },
            remotes: [
              {
                type: 'stdio',
                url: `npx -y @modelcontextprotocol/server-filesystem@${version} /srv/data`,
              },
            ],
          }),
          { status: 'absent' },
        ),
        index,
      ),
      await builtinKnowledge(),
      { now },
    );

  it.each(['development', 'internal', 'production', 'regulated'])(
    'scores a vulnerable version at least one level above its fixed twin in %s',
    async context => {
      const levels = ['low', 'medium', 'high', 'critical'];
      const vulnerable = await filesystemAt(context, '2025.6.30');
      const fixed = await filesystemAt(context, '2025.7.1');
      expect(
        levels.indexOf(vulnerable.risk.level) >
          levels.indexOf(fixed.risk.level) || fixed.risk.level === 'critical',
      ).toBe(true);
      expect(vulnerable.recommendations.map(r => r.controlId)).toContain(
        'upgrade-vulnerable-package',
      );
      expect(
        vulnerable.risk.factors.find(f => f.id === 'known-vulnerability')
          ?.reason,
      ).toContain('GHSA-hc55-p739-j48w');
    },
  );
});

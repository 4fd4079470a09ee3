import { analyseLaunchCommand, splitCommandLine } from './launchCommand';

describe('splitCommandLine', () => {
  it('splits on whitespace and honours quotes', () => {
    expect(
      splitCommandLine(`npx -y "@scope/pkg@1.0.0" '/srv/my data' ''`),
    ).toEqual(['npx', '-y', '@scope/pkg@1.0.0', '/srv/my data', '']);
  });
});

describe('analyseLaunchCommand', () => {
  const field = 'spec.remotes.0.url';

  it('reads a pinned npx package', () => {
    const result = analyseLaunchCommand(
      'npx -y @modelcontextprotocol/server-filesystem@0.6.3 /srv/data',
      field,
    );
    expect(result.packages).toEqual([
      {
        registryType: 'npm',
        identifier: '@modelcontextprotocol/server-filesystem',
        version: '0.6.3',
        pinned: true,
        runtimeHint: 'npx',
        transport: 'stdio',
      },
    ]);
    expect(result.findings).toEqual([]);
  });

  it.each([
    ['npx -y @playwright/mcp@latest', '@playwright/mcp', 'latest'],
    ['npx -y @playwright/mcp', '@playwright/mcp', undefined],
    ['npx -y some-server@^1.2.0', 'some-server', '^1.2.0'],
    ['uvx mcp-server-fetch', 'mcp-server-fetch', undefined],
    [
      'docker run -i --rm -e TOKEN ghcr.io/github/github-mcp-server',
      'ghcr.io/github/github-mcp-server',
      undefined,
    ],
    [
      'docker run -i ghcr.io/acme/server:latest',
      'ghcr.io/acme/server:latest',
      'latest',
    ],
  ])('flags %j as unpinned', (command, identifier, version) => {
    const result = analyseLaunchCommand(command, field);
    expect(result.packages[0]).toMatchObject({
      identifier,
      version,
      pinned: false,
    });
    expect(result.findings).toContainEqual(
      expect.objectContaining({
        id: `package-unpinned:${identifier}`,
        severity: 'high',
        field,
      }),
    );
  });

  it('reads pinned uvx and docker packages', () => {
    expect(
      analyseLaunchCommand('uvx mcp-server-fetch==2025.4.7', field).packages[0],
    ).toMatchObject({
      registryType: 'pypi',
      identifier: 'mcp-server-fetch',
      version: '2025.4.7',
      pinned: true,
    });
    expect(
      analyseLaunchCommand(
        'docker run -i --rm -v /a:/b ghcr.io/github/github-mcp-server:v0.13.0 stdio',
        field,
      ).packages[0],
    ).toMatchObject({ registryType: 'oci', version: 'v0.13.0', pinned: true });
  });

  it('finds literal secrets on the command line but not variable references', () => {
    const result = analyseLaunchCommand(
      'npx -y @stripe/mcp@0.2.4 --tools=all --api-key=sk_live_123 --token $TOKEN -e GITHUB_TOKEN=ghp_abc',
      field,
    );
    expect(result.secretsInArguments).toEqual(['api-key', 'GITHUB_TOKEN']);
    expect(result.findings.map(f => f.id)).toEqual([
      'secret-in-arguments:api-key',
      'secret-in-arguments:GITHUB_TOKEN',
    ]);
  });

  it('notes commands it cannot attribute to a package', () => {
    const result = analyseLaunchCommand(
      '/usr/local/bin/my-server --stdio',
      field,
    );
    expect(result.packages).toEqual([]);
    expect(result.findings).toEqual([
      expect.objectContaining({
        id: 'launch-command-opaque:/usr/local/bin/my-server',
        severity: 'info',
      }),
    ]);
  });
});

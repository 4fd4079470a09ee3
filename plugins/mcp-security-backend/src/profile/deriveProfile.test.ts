import { fixtureSource, mcpServerEntity } from '../__fixtures__';
import { deriveProfile } from './deriveProfile';

describe('deriveProfile', () => {
  it('reads packages, provenance and pinning from the filesystem server.json', () => {
    const profile = deriveProfile(
      mcpServerEntity({
        remotes: [
          {
            type: 'stdio',
            url: 'npx -y @modelcontextprotocol/server-filesystem@0.6.3 /srv',
          },
        ],
      }),
      fixtureSource('filesystem'),
    );
    expect(profile).toMatchObject({
      registryName: 'io.github.modelcontextprotocol/server-filesystem',
      publisherNamespace: 'io.github.modelcontextprotocol',
      repositoryUrl: 'https://github.com/modelcontextprotocol/servers',
      version: '0.6.3',
      owner: 'group:default/team-a',
      packages: [
        {
          registryType: 'npm',
          identifier: '@modelcontextprotocol/server-filesystem',
          version: '0.6.3',
          pinned: true,
          transport: 'stdio',
          // The folder the server may use: required, and as many as needed.
          arguments: [
            {
              type: 'positional',
              valueHint: 'allowed_directory',
              format: 'filepath',
              isRequired: true,
              isRepeated: true,
              isSecret: false,
            },
          ],
        },
      ],
      secretsInArguments: [],
      findings: [],
    });
    expect(profile.packages[0].environmentVariables).toBeUndefined();
  });

  it('sees the secret terraform passes on the docker command line, and the tag-only image', () => {
    const profile = deriveProfile(
      mcpServerEntity(),
      fixtureSource('terraform'),
    );
    expect(profile.secretsInArguments).toEqual(['token']);
    expect(profile.packages[0]).toMatchObject({
      registryType: 'oci',
      version: '1.1.0',
      pinned: true,
    });
    // The environment its `-e NAME={variable}` runtime arguments set: the
    // token by name only, the others with their defaults.
    expect(
      profile.packages[0].environmentVariables!.map(
        ({ description: _, ...env }) => env,
      ),
    ).toEqual([
      {
        name: 'TFE_ADDRESS',
        isSecret: false,
        isRequired: false,
        default: 'https://app.terraform.io',
      },
      { name: 'TFE_TOKEN', isSecret: true, isRequired: false },
      {
        name: 'ENABLE_TF_OPERATIONS',
        isSecret: false,
        isRequired: false,
        default: 'false',
      },
    ]);
    expect(profile.packages[0].arguments).toBeUndefined();
    expect(profile.findings.map(f => f.id)).toEqual([
      'image-without-digest:docker.io/hashicorp/terraform-mcp-server:1.1.0',
      'secret-in-arguments:token',
    ]);
  });

  it('reads remotes and their auth headers', () => {
    const apify = deriveProfile(mcpServerEntity(), fixtureSource('apify'));
    expect(apify.remotes).toEqual([
      expect.objectContaining({ type: 'streamable-http', authHeader: true }),
    ]);
    const neon = deriveProfile(mcpServerEntity(), fixtureSource('neon'));
    expect(neon.remotes.map(r => r.type).sort()).toEqual([
      'sse',
      'streamable-http',
    ]);
    expect(neon.findings).toContainEqual(
      expect.objectContaining({
        id: expect.stringMatching(/^remote-deprecated-sse:/),
        severity: 'low',
      }),
    );
  });

  it('falls back to the launch command without a server.json and merges entity remotes', () => {
    const profile = deriveProfile(
      mcpServerEntity({
        remotes: [
          { type: 'stdio', url: 'npx -y @playwright/mcp@latest' },
          {
            type: 'streamable-http',
            url: 'http://mcp.internal.example.com/mcp',
          },
        ],
      }),
      { status: 'absent' },
    );
    expect(profile.packages).toEqual([
      expect.objectContaining({ identifier: '@playwright/mcp', pinned: false }),
    ]);
    expect(profile.remotes).toEqual([
      {
        type: 'streamable-http',
        url: 'http://mcp.internal.example.com/mcp',
        authHeader: false,
      },
    ]);
    expect(profile.findings.map(f => [f.id, f.field])).toEqual([
      ['package-unpinned:@playwright/mcp', 'spec.remotes.0.url'],
      ['remote-plain-http:http://mcp.internal.example.com/mcp', 'spec.remotes'],
    ]);
  });

  it('lets the launch command decide the version this deployment runs', () => {
    const profile = deriveProfile(
      mcpServerEntity({
        remotes: [
          {
            type: 'stdio',
            url: 'npx -y @modelcontextprotocol/server-filesystem@latest /srv',
          },
        ],
      }),
      fixtureSource('filesystem'),
    );
    expect(profile.packages).toEqual([
      expect.objectContaining({
        identifier: '@modelcontextprotocol/server-filesystem',
        version: 'latest',
        pinned: false,
        runtimeHint: 'npx',
        // What the server.json says it takes stays with the package.
        arguments: [
          expect.objectContaining({ valueHint: 'allowed_directory' }),
        ],
      }),
    ]);
    expect(profile.findings.map(f => f.id)).toEqual([
      'package-unpinned:@modelcontextprotocol/server-filesystem',
    ]);
  });

  it('turns invalid JSON into a finding naming the file', () => {
    const profile = deriveProfile(mcpServerEntity(), {
      status: 'read',
      target: '/srv/catalog/server.json',
      text: '{"name": ',
    });
    expect(profile.findings).toEqual([
      expect.objectContaining({
        id: 'server-json-invalid-json',
        field: 'mcp-security.io/server-json',
        target: '/srv/catalog/server.json',
        message: expect.stringContaining('not valid JSON'),
      }),
    ]);
  });

  it('turns schema violations into findings naming the JSON path', () => {
    const profile = deriveProfile(mcpServerEntity(), {
      status: 'read',
      target: '/srv/catalog/server.json',
      text: JSON.stringify({
        name: 'no-namespace',
        description: 'x',
        version: '1.0.0',
        packages: [{ registryType: 'npm', transport: { type: 'stdio' } }],
      }),
    });
    expect(profile.findings.map(f => f.field)).toEqual([
      'server.json name',
      'server.json packages.0.identifier',
    ]);
    expect(profile.findings[0].message).toContain('reverse-DNS namespace');
  });

  it('turns a failed read into a finding with the reason', () => {
    const profile = deriveProfile(mcpServerEntity(), {
      status: 'failed',
      target: '/srv/x/../../etc/passwd',
      reason: '"../../etc/passwd" leaves the entity file\'s folder /srv/x',
    });
    expect(profile.findings).toEqual([
      {
        id: 'server-json-unreadable',
        source: 'server-json',
        severity: 'medium',
        field: 'mcp-security.io/server-json',
        target: '/srv/x/../../etc/passwd',
        message:
          'server.json could not be read: "../../etc/passwd" leaves the entity file\'s folder /srv/x.',
      },
    ]);
  });

  it('flags ranges and latest in a server.json as unpinned', () => {
    const profile = deriveProfile(mcpServerEntity(), {
      status: 'read',
      target: 'server.json',
      text: JSON.stringify({
        name: 'io.github.acme/x',
        description: 'x',
        version: '1.0.0',
        packages: [
          {
            registryType: 'npm',
            identifier: 'x',
            version: 'latest',
            transport: { type: 'stdio' },
          },
          {
            registryType: 'pypi',
            identifier: 'y',
            version: '>=1.0',
            transport: { type: 'stdio' },
          },
        ],
      }),
    });
    expect(profile.packages.map(p => p.pinned)).toEqual([false, false]);
    expect(profile.findings.map(f => f.id)).toEqual([
      'package-unpinned:x',
      'package-unpinned:y',
    ]);
  });
});

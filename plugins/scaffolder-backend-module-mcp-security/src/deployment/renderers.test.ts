import YAML from 'yaml';
import {
  McpServerProfile,
  RiskLevel,
} from '@mcp-server-operator/plugin-mcp-security-common';
import {
  assessmentOf,
  npmProfile,
  profileOf,
} from '../__testUtils__/assessments';
import { composeModel } from './compose';
import { renderDockerfile } from './dockerfile';
import { KubernetesObject, proxyObjects, serverObjects } from './kubernetes';
import {
  deploymentPlanOf,
  egressHost,
  normaliseHosts,
  resourceName,
} from './plan';
import { ruleFileOf } from './prometheusRules';
import { renderAllowlist, renderSquidConf } from './proxyAllowlist';
import { applicableTargets, renderDeployment } from './render';
import { knownGaps, renderRunbook } from './runbook';

const DIGEST = `sha256:${'a'.repeat(64)}`;

const npm = (over: Partial<McpServerProfile> = {}) => npmProfile({}, over);
const pypi = () =>
  profileOf({
    packages: [
      {
        registryType: 'pypi',
        identifier: 'mcp-server-fetch',
        version: '2025.4.7',
        pinned: true,
        transport: 'stdio',
      },
    ],
  });
const oci = (
  identifier: string,
  transport = 'streamable-http',
  over: Partial<McpServerProfile> = {},
) =>
  profileOf({
    name: 'io.github.example/notes',
    packages: [{ registryType: 'oci', identifier, pinned: true, transport }],
    ...over,
  });
const planOf = (profile: McpServerProfile, risk: RiskLevel = 'medium') =>
  deploymentPlanOf(assessmentOf(profile, risk));

function objectsOf(
  profile: McpServerProfile,
  risk: RiskLevel = 'medium',
): KubernetesObject[] {
  return serverObjects(planOf(profile, risk), 'mcp');
}
const find = (objects: KubernetesObject[], kind: string, name?: string) =>
  objects.find(
    o => o.kind === kind && (!name || o.metadata.name === name),
  ) as any;

describe('deploymentPlanOf', () => {
  it('runs a published image as is, an npm or PyPI package from a Dockerfile, and nothing for a remote', () => {
    expect(applicableTargets(planOf(oci(`ghcr.io/e/notes@${DIGEST}`)))).toEqual(
      ['compose', 'kubernetes'],
    );
    // A stdio npm server runs on Kubernetes behind the bridge its image carries.
    expect(applicableTargets(planOf(npm()))).toEqual([
      'dockerfile',
      'compose',
      'kubernetes',
    ]);
    const remote = planOf(
      profileOf({
        remotes: [
          {
            type: 'streamable-http',
            url: 'https://mcp.example.com/mcp',
            authHeader: true,
          },
        ],
      }),
    );
    expect(remote.run).toEqual({
      kind: 'remote',
      urls: ['https://mcp.example.com/mcp'],
    });
    expect(applicableTargets(remote)).toEqual([]);
  });

  it('allows egress to the declared hosts, nothing else', () => {
    const plan = planOf(
      npm({
        egressAllowlist: [
          'api.example.com',
          '*.cdn.example.com',
          'img.cdn.example.com',
          'https://bad.example.com/x',
          '10.0.0.0/8',
        ],
        remotes: [
          {
            type: 'sse',
            url: 'https://mcp.example.com/sse',
            authHeader: false,
          },
        ],
      }),
    );
    // The remote is not how this server runs: its package runs here.
    expect(plan.egressHosts).toEqual(['.cdn.example.com', 'api.example.com']);
    expect(plan.rejectedEgress).toEqual([
      'https://bad.example.com/x (not a host name)',
      '10.0.0.0/8 (an IP address: the proxy allows host names only)',
    ]);
  });

  it('tightens limits as the risk rises', () => {
    const memory = (['low', 'medium', 'high', 'critical'] as RiskLevel[]).map(
      r => planOf(npm(), r).limits.memoryBytes,
    );
    expect(memory).toEqual([...memory].sort((a, b) => b - a));
    expect(memory[3]).toBeLessThan(memory[0]);
    expect(planOf(npm(), 'critical').limits.pids).toBeLessThan(
      planOf(npm(), 'low').limits.pids,
    );
  });

  it("lets declared facts override a catalog server's and reports each difference", () => {
    const assessment = assessmentOf(
      npm({ exposure: 'local', capabilities: ['read-only-api'] }),
    );
    const plan = deploymentPlanOf(
      { ...assessment, entityRef: 'api:default/notes' },
      { exposure: 'internet', capabilities: ['read-only-api'] },
    );
    expect(plan.facts.exposure).toBe('internet');
    expect(plan.overrides).toEqual([
      { fact: 'exposure', catalog: 'local', declared: 'internet' },
    ]);
    expect(plan.name).toBe('notes');
  });

  it('names resources with DNS labels and normalises hosts', () => {
    expect(resourceName('io.github.Hashicorp/Terraform_MCP.server')).toBe(
      'terraform-mcp-server',
    );
    expect(egressHost('*.Example.com')).toBe('.example.com');
    expect(egressHost('example.com:443')).toBeUndefined();
    expect(
      normaliseHosts(['b.com', '.a.com', 'x.a.com', 'a.com', 'b.com']),
    ).toEqual(['.a.com', 'b.com']);
  });
});

describe('renderDockerfile', () => {
  it('installs the exact npm version without scripts and runs it as a non-root user without npm', () => {
    const { content } = renderDockerfile(planOf(npm()));
    expect(content).toContain('npm install --omit=dev --ignore-scripts');
    expect(content).toContain('"@example/notes@1.2.3"');
    expect(content).toMatch(/^USER 10001:10001$/m);
    expect(content).toContain('rm -rf /usr/local/lib/node_modules/npm');
    expect(content.match(/^FROM node:22\.23\.3-bookworm-slim/gm)).toHaveLength(
      2,
    );
    expect(content).not.toMatch(/@sha256:[0-9a-f]/);
    expect(content).toContain(
      'docker buildx imagetools inspect node:22.23.3-bookworm-slim',
    );
  });

  it('installs the stdio bridge pinned exactly beside a stdio npm server, and runs the server by default', () => {
    const { content } = renderDockerfile(planOf(npm()));
    expect(content).toContain(
      'npm install --omit=dev --ignore-scripts --no-audit --no-fund --save-exact "@example/notes@1.2.3" "supergateway@4.0.0" \\',
    );
    // The linking script takes the package and the link as arguments.
    expect(content).toMatch(/;' 'supergateway' '\/app\/bridge'$/m);
    expect(content).toMatch(/;' '@example\/notes' '\/app\/server' \\$/m);
    expect(content).toMatch(
      /^# supergateway@4\.0\.0 is the stdio-to-HTTP bridge/m,
    );
    expect(content).toMatch(/^ENTRYPOINT \["node", "\/app\/server"\]$/m);
    // Only one install: no other version of the bridge, no range.
    expect(content.match(/supergateway@/g)).toHaveLength(2);
  });

  it('installs no bridge for a server that listens itself, or a PyPI server', () => {
    const http = renderDockerfile(
      planOf(
        npm({
          packages: [
            {
              registryType: 'npm',
              identifier: '@example/notes',
              version: '1.2.3',
              pinned: true,
              transport: 'streamable-http',
            },
          ],
        }),
      ),
    ).content;
    expect(http).not.toContain('supergateway');
    expect(http).not.toContain('/app/bridge');
  });

  it('refuses to build an unpinned package until a version is given', () => {
    const { content } = renderDockerfile(
      planOf(
        npm({
          packages: [
            {
              registryType: 'npm',
              identifier: '@example/notes',
              version: '^1.2.0',
              pinned: false,
              transport: 'stdio',
            },
          ],
        }),
      ),
    );
    expect(content).toContain('ARG PACKAGE_VERSION');
    expect(content).toContain('"@example/notes@$PACKAGE_VERSION"');
  });

  it('installs a PyPI package pinned in a virtual environment', () => {
    const { content } = renderDockerfile(planOf(pypi()));
    expect(content).toContain('pip install "mcp-server-fetch==2025.4.7"');
    expect(content).toContain('FROM python:3.12.8-slim-bookworm AS build');
    expect(content).toContain('ENTRYPOINT ["/opt/venv/bin/mcp-server-fetch"]');
    expect(content).toMatch(/^USER 10001:10001$/m);
  });
});

describe('composeModel', () => {
  const compose = (profile: McpServerProfile, risk: RiskLevel = 'medium') =>
    composeModel(planOf(profile, risk)) as any;

  it('hardens the server: non-root, read-only with tmpfs, no capabilities, no new privileges, limits', () => {
    const server = compose(npm(), 'high').services.notes;
    expect(server).toMatchObject({
      user: '10001:10001',
      read_only: true,
      cap_drop: ['ALL'],
      security_opt: ['no-new-privileges:true'],
      deploy: {
        resources: { limits: { cpus: '0.5', memory: '512m', pids: 256 } },
      },
    });
    expect(server.tmpfs[0]).toMatch(/^\/tmp:size=\d+,noexec,nosuid,nodev$/);
  });

  it('puts the server on an internal network whose only way out is the proxy', () => {
    const model = compose(npm());
    expect(model.networks['mcp-internal']).toEqual({ internal: true });
    expect(model.services.notes.networks).toEqual(['mcp-internal']);
    expect(model.services['egress-proxy'].networks).toEqual([
      'mcp-internal',
      'egress',
    ]);
    expect(model.services.notes.environment.HTTPS_PROXY).toBe(
      'http://egress-proxy:3128',
    );
    expect(model.services.notes.ports).toBeUndefined();
  });

  it('uses a published image by its digest when the server.json gives one', () => {
    const image = `ghcr.io/example/notes@${DIGEST}`;
    expect(compose(oci(image)).services.notes.image).toBe(image);
  });

  it('starts a stdio server on demand and mounts data read-only unless it writes', () => {
    const reader = compose(npm({ capabilities: ['filesystem-read'] })).services
      .notes;
    expect(reader.profiles).toEqual(['client']);
    expect(reader.stdin_open).toBe(true);
    expect(reader.volumes[0]).toMatchObject({
      target: '/data',
      read_only: true,
    });
    expect(
      compose(npm({ capabilities: ['filesystem-write'] })).services.notes
        .volumes[0].read_only,
    ).toBe(false);
  });
});

describe('Kubernetes manifests', () => {
  const http = oci(`ghcr.io/example/notes@${DIGEST}`);

  it('runs the Deployment non-root, read-only, without capabilities or a token, within limits', () => {
    const deployment = find(objectsOf(http, 'critical'), 'Deployment');
    const pod = deployment.spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.containers[0].resources.limits).toMatchObject({
      cpu: '500m',
      memory: '256Mi',
    });
    expect(pod.containers[0].image).toBe(`ghcr.io/example/notes@${DIGEST}`);
  });

  it('gives the ServiceAccounts no token', () => {
    const objects = [
      ...objectsOf(http),
      ...proxyObjects(planOf(http), 'mcp', { squidConf: '', allowlist: '' }),
    ];
    const accounts = objects.filter(o => o.kind === 'ServiceAccount');
    expect(accounts).toHaveLength(2);
    for (const account of accounts)
      expect(account.automountServiceAccountToken).toBe(false);
  });

  it('denies everything by default and lets the server out only to its proxy and DNS', () => {
    const objects = objectsOf(http);
    expect(find(objects, 'NetworkPolicy', 'notes-deny-all').spec).toEqual({
      podSelector: {
        matchLabels: { 'app.kubernetes.io/part-of': 'mcp-notes' },
      },
      policyTypes: ['Ingress', 'Egress'],
    });
    const policy = find(objects, 'NetworkPolicy', 'notes');
    expect(policy.spec.egress).toHaveLength(2);
    expect(policy.spec.egress[0]).toEqual({
      to: [
        {
          podSelector: {
            matchLabels: {
              'app.kubernetes.io/name': 'notes',
              'app.kubernetes.io/component': 'egress-proxy',
            },
          },
        },
      ],
      ports: [{ protocol: 'TCP', port: 3128 }],
    });
    expect(policy.spec.egress[1].ports.map((p: any) => p.port)).toEqual([
      53, 53,
    ]);
  });

  it('records the allow-list on the policy and lets the proxy reach only public addresses on allowed ports', () => {
    const profile = {
      ...http,
      egressAllowlist: ['api.example.com'],
      dataClassification: 'restricted' as const,
    };
    expect(
      find(objectsOf(profile), 'NetworkPolicy', 'notes').metadata.annotations,
    ).toEqual({
      'mcp-security.io/egress-allowlist': 'api.example.com',
    });
    const proxyPolicy = find(
      proxyObjects(planOf(profile), 'mcp', { squidConf: '', allowlist: '' }),
      'NetworkPolicy',
    );
    const out = proxyPolicy.spec.egress[1];
    expect(out.ports).toEqual([{ protocol: 'TCP', port: 443 }]);
    expect(out.to[0].ipBlock.except).toContain('169.254.0.0/16');
  });

  it('lets in only labelled gateway pods of labelled namespaces, on the server port', () => {
    const policy = find(objectsOf(http), 'NetworkPolicy', 'notes');
    expect(policy.spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: {
              matchLabels: { 'mcp-security.io/gateway': 'true' },
            },
            podSelector: { matchLabels: { 'mcp-security.io/gateway': 'true' } },
          },
        ],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
    ]);
  });

  it('is not rendered for a stdio PyPI server or a stdio image, and says why', () => {
    const python = planOf(pypi());
    const image = planOf(oci(`ghcr.io/example/notes@${DIGEST}`, 'stdio'));
    for (const plan of [python, image]) {
      expect(plan.bridge).toBeUndefined();
      expect(() => serverObjects(plan, 'mcp')).toThrow(/HTTP/);
      expect(() =>
        renderDeployment(plan, { targets: ['kubernetes'], namespace: 'mcp' }),
      ).toThrow(/does not apply: .*no Node\.js runtime .*supergateway/);
    }
    expect(applicableTargets(python)).toEqual(['dockerfile', 'compose']);
    expect(applicableTargets(image)).toEqual(['compose']);
  });
});

describe('Kubernetes manifests of a stdio npm server', () => {
  const objects = objectsOf(npm({ capabilities: ['filesystem-read'] }), 'high');
  const deployment = find(objects, 'Deployment');
  const container = deployment.spec.template.spec.containers[0];

  it('runs the pinned bridge, which starts the server over stdio for each session', () => {
    expect(container.image).toBe('localhost/mcp-servers/notes:1.2.3');
    expect(container.command).toEqual(['node', '/app/bridge']);
    expect(container.args).toEqual([
      '--stdio',
      'node /app/server',
      '--outputTransport',
      'streamableHttp',
      '--stateful',
      '--sessionTimeout',
      '600000',
      '--port',
      '8080',
      '--streamableHttpPath',
      '/mcp',
      '--healthEndpoint',
      '/healthz',
      '--logLevel',
      'info',
    ]);
    expect(container.ports).toEqual([
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
    ]);
    expect(deployment.metadata.annotations).toMatchObject({
      'mcp-security.io/stdio-bridge': 'supergateway@4.0.0',
    });
  });

  it('probes the health endpoint of the bridge', () => {
    expect(container.readinessProbe).toEqual({
      httpGet: { path: '/healthz', port: 'http' },
      periodSeconds: 10,
    });
    expect(container.livenessProbe).toMatchObject({
      httpGet: { path: '/healthz', port: 'http' },
    });
  });

  it('keeps the hardening, the limits and the data mount of any server', () => {
    const pod = deployment.spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 10001,
    });
    expect(container.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.resources.limits).toMatchObject({
      cpu: '500m',
      memory: '512Mi',
    });
    expect(container.volumeMounts).toContainEqual({
      name: 'data',
      mountPath: '/data',
      readOnly: true,
    });
    expect(container.env).toContainEqual({
      name: 'HTTPS_PROXY',
      value: 'http://notes-egress-proxy:3128',
    });
  });

  it('exposes the bridge through a ClusterIP Service only, and lets it out only to the proxy and DNS', () => {
    expect(find(objects, 'Service').spec).toEqual({
      type: 'ClusterIP',
      selector: {
        'app.kubernetes.io/name': 'notes',
        'app.kubernetes.io/component': 'mcp-server',
      },
      ports: [
        { name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' },
      ],
    });
    const policy = find(objects, 'NetworkPolicy', 'notes');
    expect(policy.spec.ingress[0].ports).toEqual([
      { protocol: 'TCP', port: 8080 },
    ]);
    expect(policy.spec.egress.map((e: any) => e.ports)).toEqual([
      [{ protocol: 'TCP', port: 3128 }],
      [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ],
    ]);
    expect(find(objects, 'NetworkPolicy', 'notes-deny-all').spec).toEqual({
      podSelector: {
        matchLabels: { 'app.kubernetes.io/part-of': 'mcp-notes' },
      },
      policyTypes: ['Ingress', 'Egress'],
    });
  });

  it('leaves compose starting the server over stdio', () => {
    const server = (composeModel(planOf(npm())) as any).services.notes;
    expect(server.profiles).toEqual(['client']);
    expect(server.stdin_open).toBe(true);
    expect(server.command).toBeUndefined();
    expect(server.entrypoint).toBeUndefined();
    expect(server.expose).toBeUndefined();
  });

  it('explains the bridge in the runbook, and asks for authentication at the gateway', () => {
    const plan = planOf(npm({ auth: 'none' }));
    const render = (targets: ('compose' | 'kubernetes')[]) =>
      renderRunbook(plan, {
        files: [],
        rules: ruleFileOf(plan),
        targets,
        namespace: 'mcp',
      }).content;
    const runbook = render(['compose', 'kubernetes']);
    expect(runbook).toContain('## The stdio-to-HTTP bridge on Kubernetes');
    expect(runbook).toContain('`supergateway@4.0.0`');
    expect(runbook).toContain('`http://notes.mcp.svc:8080/mcp`');
    expect(runbook).toContain(
      '`node /app/bridge --stdio "node /app/server" --outputTransport streamableHttp',
    );
    expect(runbook).toMatch(/No client authentication declared.*bridge/);
    const composeOnly = render(['compose']);
    expect(composeOnly).not.toContain('stdio-to-HTTP bridge');
    expect(composeOnly).not.toContain('No client authentication declared');
  });

  it('alerts on authentication failures only where the bridge listens', () => {
    const plan = planOf(npm());
    const alerts = (kubernetes: boolean) =>
      ruleFileOf(plan, kubernetes ? { kubernetes: { namespace: 'mcp' } } : {})
        .groups.flatMap(g => g.rules)
        .map(r => r.alert);
    expect(alerts(true)).toContain('McpServerAuthFailures');
    expect(alerts(false)).not.toContain('McpServerAuthFailures');
  });
});

describe('the egress proxy', () => {
  it('allows only the listed hosts and denies the rest, private addresses first', () => {
    const plan = planOf(npm({ egressAllowlist: ['api.example.com'] }), 'low');
    expect(
      renderAllowlist(plan)
        .content.split('\n')
        .filter(l => l && !l.startsWith('#')),
    ).toEqual(['api.example.com']);
    const conf = renderSquidConf(plan).content;
    const access = conf.split('\n').filter(l => l.startsWith('http_access'));
    expect(access).toEqual([
      'http_access deny !mcp_ports',
      'http_access deny CONNECT !SSL_ports',
      'http_access deny private_destinations',
      'http_access allow mcp_allowed',
      'http_access deny all',
    ]);
    expect(conf).toContain('acl mcp_ports port 80 443');
  });

  it('denies everything when no host is listed, and only TLS at high risk', () => {
    const conf = renderSquidConf(planOf(npm(), 'high')).content;
    expect(conf).not.toContain('http_access allow');
    expect(conf).toContain('acl mcp_ports port 443\n');
  });
});

describe('ruleFileOf', () => {
  const alerts = (
    profile: McpServerProfile,
    risk: RiskLevel,
    kubernetes = false,
  ) =>
    ruleFileOf(
      planOf(profile, risk),
      kubernetes ? { kubernetes: { namespace: 'mcp' } } : {},
    ).groups.flatMap(g => g.rules);

  it('adds alerts and tightens thresholds as the risk rises', () => {
    const low = alerts(oci('ghcr.io/e/n:1.0'), 'low');
    const critical = alerts(oci('ghcr.io/e/n:1.0'), 'critical');
    expect(critical.length).toBeGreaterThan(low.length);
    const auth = (rules: typeof low) =>
      Number(
        /> (\d+)$/.exec(
          rules.find(r => r.alert === 'McpServerAuthFailures')!.expr,
        )![1],
      );
    expect(auth(critical)).toBeLessThan(auth(low));
    expect(
      critical.find(r => r.alert === 'McpServerEgressDenied')!.labels.severity,
    ).toBe('critical');
    expect(
      low.find(r => r.alert === 'McpServerEgressDenied')!.labels.severity,
    ).toBe('warning');
  });

  it('pages on egress denials for restricted data even at low risk', () => {
    const rules = alerts(npm({ dataClassification: 'restricted' }), 'low');
    expect(
      rules.find(r => r.alert === 'McpServerEgressDenied')!.labels.severity,
    ).toBe('critical');
  });

  it('alerts on destructive tool calls only for destructive capabilities, and on Kubernetes health there', () => {
    expect(
      alerts(npm({ capabilities: ['read-only-api'] }), 'medium').map(
        r => r.alert,
      ),
    ).not.toContain('McpServerDestructiveToolCall');
    expect(
      alerts(npm({ capabilities: ['database-write'] }), 'medium').map(
        r => r.alert,
      ),
    ).toContain('McpServerDestructiveToolCall');
    const k8s = alerts(oci('ghcr.io/e/n:1.0'), 'high', true).map(r => r.alert);
    expect(k8s).toEqual(
      expect.arrayContaining([
        'McpServerUnavailable',
        'McpServerMemoryNearLimit',
        'McpEgressProxyUnavailable',
      ]),
    );
  });
});

describe('renderRunbook', () => {
  it('lists the maintenance schedule, urgent open recommendations, gaps and incident steps', () => {
    const plan = planOf(
      oci('ghcr.io/example/notes:1.0', 'stdio', {
        exposure: 'internet',
        capabilities: ['financial-transactions'],
      }),
      'high',
    );
    const { content } = renderRunbook(plan, {
      files: ['compose.yaml'],
      rules: ruleFileOf(plan),
      targets: ['compose'],
    });
    expect(content).toContain(
      '| weekly | Review security logs (`review-security-logs`) |',
    );
    expect(content).toContain('**P1** Run the server in a hardened container');
    expect(content).not.toContain('review-agent-access');
    expect(content).toContain(
      'docker buildx imagetools inspect ghcr.io/example/notes:1.0',
    );
    expect(content).toContain('ghcr.io/example/notes@sha256:<digest>');
    expect(content).toMatch(/authenticates every request/);
    expect(content).toContain('**Money moved?**');
    expect(content).toContain('## Incident first steps');
  });

  it('says nothing about pinning an image pinned by digest, and leaves out implemented recommendations', () => {
    const image = `ghcr.io/example/notes@${DIGEST}`;
    const assessment = assessmentOf(
      oci(image, 'stdio', { egressAllowlist: ['a.example.com'] }),
    );
    const view = {
      ...assessment,
      recommendations: assessment.recommendations.map(r => ({
        ...r,
        status: 'implemented' as const,
      })),
      residualRisk: { level: 'low' as const, score: 5, reductions: [] },
    };
    expect(knownGaps(deploymentPlanOf(view))).toEqual([
      '**Undeclared facts** (deploymentContext, exposure, dataClassification, isolation, auth): the assessment assumed the worst. Declare them on the catalog entity.',
    ]);
    const plan = deploymentPlanOf(view);
    expect(
      renderRunbook(plan, { files: [], rules: ruleFileOf(plan), targets: [] })
        .content,
    ).toContain('None open.');
  });
});

it('serialises YAML without anchors and aliases', () => {
  const plan = planOf(oci(`ghcr.io/example/notes@${DIGEST}`));
  const yamlFiles = renderDeployment(plan, {
    targets: applicableTargets(plan),
    namespace: 'mcp',
  }).files.filter(f => f.path.endsWith('.yaml'));
  expect(yamlFiles.length).toBeGreaterThan(2);
  for (const file of yamlFiles) expect(file.content).not.toMatch(/[&*]a\d/);
  expect(
    YAML.parse(
      renderDeployment(plan, { targets: ['compose'], namespace: 'mcp' })
        .files[0].content,
    ).name,
  ).toBe('mcp-notes');
});

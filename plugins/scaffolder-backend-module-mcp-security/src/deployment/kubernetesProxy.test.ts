import { BlockList, isIPv6 } from 'node:net';
import YAML from 'yaml';
import {
  McpServerProfile,
  PackageArgumentProfile,
  PackageProfile,
  RiskLevel,
} from '@mcp-server-operator/plugin-mcp-security-common';
import {
  assessmentOf,
  npmProfile,
  profileOf,
} from '../__testUtils__/assessments';
import { denyAllPolicyName, KubernetesObject } from './kubernetes';
import { deploymentPlanOf } from './plan';
import {
  PRIVATE_IPV4_RANGES,
  PRIVATE_IPV6_RANGES,
  SQUID_PRIVATE_RANGES,
} from './proxyAllowlist';
import { renderDeployment, validateRendering } from './render';

/**
 * Hostile server.json text against the Kubernetes manifests and the egress
 * proxy's configuration: each test reads the rendered files, as an operator
 * would apply them.
 */

const DIGEST = `sha256:${'b'.repeat(64)}`;

function rendered(profile: McpServerProfile, risk: RiskLevel = 'medium') {
  const plan = deploymentPlanOf(assessmentOf(profile, risk));
  const rendering = renderDeployment(plan, {
    targets: ['kubernetes'],
    namespace: 'shared',
  });
  validateRendering(rendering);
  const text = (path: string) =>
    rendering.files.find(f => f.path === path)!.content;
  const objects = [
    ...YAML.parseAllDocuments(text('kubernetes/mcp-server.yaml')),
    ...YAML.parseAllDocuments(text('kubernetes/egress-proxy.yaml')),
  ].map(d => d.toJS()) as KubernetesObject[];
  return { plan, rendering, text, objects };
}

const find = (objects: KubernetesObject[], kind: string, name: string) =>
  objects.find(o => o.kind === kind && o.metadata.name === name) as any;

const container = (objects: KubernetesObject[], name: string) =>
  find(objects, 'Deployment', name).spec.template.spec.containers[0];

/** A server that listens on HTTP, from its publisher's image pinned by digest. */
const publishedImage = (pkg: Partial<PackageProfile> = {}) =>
  profileOf({
    name: 'io.github.example/notes',
    packages: [
      {
        registryType: 'oci',
        identifier: `ghcr.io/example/notes@${DIGEST}`,
        pinned: true,
        transport: 'streamable-http',
        ...pkg,
      },
    ],
  });

const positional = (value: string): PackageArgumentProfile => ({
  type: 'positional',
  value,
  isRequired: true,
  isRepeated: false,
  isSecret: false,
});

const stripeSecret = {
  name: 'STRIPE_SECRET_KEY',
  isSecret: true,
  isRequired: true,
};

/** A `$(` that Kubernetes would expand: one not written `$$(`. */
const EXPANDED = /(^|[^$])(\$\$)*\$\(/;

describe('Kubernetes variable expansion of server.json words', () => {
  it("keeps a bridged stdio server's arguments from expanding the server's secrets", () => {
    const { objects, text } = rendered(
      npmProfile({
        arguments: [
          positional('$(STRIPE_SECRET_KEY)'),
          {
            type: 'named',
            name: '--key=$(STRIPE_SECRET_KEY)',
            isRequired: false,
            isRepeated: false,
            isSecret: false,
            default: 'x',
          },
        ],
        environmentVariables: [stripeSecret],
      }),
    );
    const server = container(objects, 'notes');
    for (const word of [...server.command, ...server.args])
      expect(word).not.toMatch(EXPANDED);
    expect(server.args[1]).toContain(`'$$(STRIPE_SECRET_KEY)'`);
    expect(server.args[1]).toContain(`'--key=$$(STRIPE_SECRET_KEY)'`);
    // The secret still reaches the server, as its variable.
    expect(server.env).toContainEqual(
      expect.objectContaining({ name: 'STRIPE_SECRET_KEY' }),
    );
    // Only the apply note, a comment, shows the command /bin/sh is given.
    const manifest = text('kubernetes/mcp-server.yaml')
      .split('\n')
      .filter(line => !line.trimStart().startsWith('#'));
    for (const line of manifest) expect(line).not.toMatch(EXPANDED);
  });

  it("keeps a listening server's fixed arguments literal, and expands only its settings", () => {
    const { objects } = rendered(
      publishedImage({
        arguments: [
          positional('$(STRIPE_SECRET_KEY)'),
          positional('$$(STRIPE_SECRET_KEY)'),
        ],
        environmentVariables: [stripeSecret],
      }),
    );
    expect(container(objects, 'notes').args).toEqual([
      '$$(STRIPE_SECRET_KEY)',
      '$$$(STRIPE_SECRET_KEY)',
    ]);
  });
});

describe('the server image on Kubernetes', () => {
  it('never pulls an image built from the Dockerfile, whatever the package is called', () => {
    const { plan, objects, text } = rendered(
      // An npm name that is also an image on Docker Hub.
      npmProfile({ identifier: 'nginx' }),
    );
    const server = container(objects, 'notes');
    expect(server.image).toBe(
      plan.run.kind === 'npm' ? plan.run.image : undefined,
    );
    expect(server.imagePullPolicy).toBe('Never');
    // The apply note says how to get the image to the nodes.
    const note = text('kubernetes/mcp-server.yaml');
    expect(note).toContain('imagePullPolicy: Never');
    expect(note).toContain('push it to your own registry');
    // The proxy's is a published image, pulled where missing.
    expect(container(objects, 'notes-egress-proxy').imagePullPolicy).toBe(
      'IfNotPresent',
    );
  });

  it("pulls a publisher's image, pinned by digest, where it is missing", () => {
    const { objects, text } = rendered(publishedImage());
    expect(container(objects, 'notes').imagePullPolicy).toBe('IfNotPresent');
    expect(text('kubernetes/mcp-server.yaml')).not.toContain(
      'imagePullPolicy: Never,',
    );
  });
});

describe('the default-deny policy', () => {
  it("selects only the server's and its proxy's pods, so a shared namespace keeps working", () => {
    const { objects, text } = rendered(npmProfile());
    const policies = objects.filter(o => o.kind === 'NetworkPolicy') as any[];
    for (const policy of policies)
      expect(policy.spec.podSelector.matchLabels).toBeDefined();
    const deny = find(objects, 'NetworkPolicy', 'notes-deny-all');
    expect(deny.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(deny.spec.ingress).toBeUndefined();
    expect(deny.spec.egress).toBeUndefined();
    for (const name of ['notes', 'notes-egress-proxy']) {
      const podLabels = find(objects, 'Deployment', name).spec.template.metadata
        .labels;
      expect(podLabels).toMatchObject(deny.spec.podSelector.matchLabels);
    }
    expect(text('kubernetes/mcp-server.yaml')).toContain(
      'other pods in shared are not affected',
    );
  });

  it('is named for its server, so two servers in one namespace do not share it', () => {
    const other = rendered(
      npmProfile(
        { identifier: '@example/tasks' },
        {
          name: 'io.github.example/tasks',
        },
      ),
    );
    const names = (objects: KubernetesObject[]) =>
      objects.filter(o => o.kind === 'NetworkPolicy').map(o => o.metadata.name);
    expect(names(other.objects)).toContain(denyAllPolicyName(other.plan));
    const mine = names(rendered(npmProfile()).objects);
    for (const name of names(other.objects)) expect(mine).not.toContain(name);
  });
});

describe('addresses the egress proxy never reaches', () => {
  const inRanges = (ranges: readonly string[], address: string) => {
    const list = new BlockList();
    for (const range of ranges) {
      const [net, prefix] = range.split('/');
      list.addSubnet(net, Number(prefix), isIPv6(net) ? 'ipv6' : 'ipv4');
    }
    return list.check(address, isIPv6(address) ? 'ipv6' : 'ipv4');
  };

  it.each([
    '0.0.0.0',
    '0.1.2.3',
    '10.1.2.3',
    '100.64.0.1',
    '127.0.0.1',
    '169.254.169.254',
    '172.16.0.1',
    '192.168.1.1',
    '198.18.0.1',
    '198.19.255.255',
    '224.0.0.1',
    '239.255.255.250',
    '240.0.0.1',
    '255.255.255.255',
  ])('leaves out IPv4 %s', address => {
    expect(inRanges(PRIVATE_IPV4_RANGES, address)).toBe(true);
    expect(inRanges(SQUID_PRIVATE_RANGES, address)).toBe(true);
  });

  it.each([
    '::',
    '::1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '64:ff9b::a00:1',
    'fd00::1',
    'fe80::1',
    'ff02::1',
  ])('leaves out IPv6 %s', address => {
    expect(inRanges(PRIVATE_IPV6_RANGES, address)).toBe(true);
  });

  it.each(['1.1.1.1', '93.184.215.14', '8.8.8.8'])(
    'lets through the public address %s',
    address => {
      expect(inRanges(PRIVATE_IPV4_RANGES, address)).toBe(false);
    },
  );

  it.each(['2606:4700::1111', '2001:4860:4860::8888'])(
    'lets through the public address %s',
    address => {
      expect(inRanges(PRIVATE_IPV6_RANGES, address)).toBe(false);
    },
  );

  it('keeps the IPv4 and IPv6 ranges apart for the policy, and every IPv4 address reachable for squid', () => {
    const { objects, text } = rendered(npmProfile());
    const out = find(objects, 'NetworkPolicy', 'notes-egress-proxy').spec
      .egress[1];
    expect(out.to).toEqual([
      { ipBlock: { cidr: '0.0.0.0/0', except: [...PRIVATE_IPV4_RANGES] } },
      { ipBlock: { cidr: '::/0', except: [...PRIVATE_IPV6_RANGES] } },
    ]);
    for (const range of PRIVATE_IPV4_RANGES) expect(range).not.toContain(':');
    for (const range of PRIVATE_IPV6_RANGES) expect(range).toContain(':');
    // Squid holds IPv4 addresses as ::ffff:a.b.c.d: that range there
    // would deny every IPv4 destination, and the IPv4 ranges cover it.
    const acl = text('egress-proxy/squid.conf')
      .split('\n')
      .find(line => line.startsWith('acl private_destinations dst '))!;
    expect(acl.split(' ').slice(3)).toEqual(SQUID_PRIVATE_RANGES);
    expect(SQUID_PRIVATE_RANGES).not.toContain('::ffff:0:0/96');
    expect(inRanges(SQUID_PRIVATE_RANGES, '1.1.1.1')).toBe(false);
  });
});

describe('the squid configuration against a hostile allow-list', () => {
  const hostile = (risk: RiskLevel, dataClassification = 'internal') =>
    rendered(
      npmProfile(
        {},
        {
          dataClassification: dataClassification as any,
          egressAllowlist: [
            'api.example.com',
            'evil.example\nhttp_access allow all',
            '169.254.169.254',
            '10.0.0.1:8080',
            'localhost',
            'all',
          ],
        },
      ),
      risk,
    );

  const accessRules = (conf: string) =>
    conf.split('\n').filter(line => line.startsWith('http_access '));

  it.each(['low', 'critical'] as RiskLevel[])(
    'denies what is not allowed before it allows, and denies everything else last (risk %s)',
    risk => {
      const { plan, text } = hostile(risk);
      const conf = text('egress-proxy/squid.conf');
      expect(accessRules(conf)).toEqual([
        'http_access deny !mcp_ports',
        'http_access deny CONNECT !SSL_ports',
        'http_access deny private_destinations',
        'http_access allow mcp_allowed',
        'http_access deny all',
      ]);
      // CONNECT only to 443; plain HTTP to 80 only where the plan allows it.
      expect(conf).toContain('acl SSL_ports port 443\n');
      expect(conf).toContain(
        `acl mcp_ports port ${plan.egressPorts.join(' ')}\n`,
      );
      expect(plan.egressPorts).toEqual(risk === 'critical' ? [443] : [80, 443]);
      expect(conf).not.toMatch(/^http_access allow all/m);
      expect(conf).not.toMatch(/^evil/m);
    },
  );

  it('lists no squid directive, port or keyword as an allowed host', () => {
    const { text } = hostile('medium');
    const hosts = text('egress-proxy/allowlist.txt')
      .split('\n')
      .filter(line => line && !line.startsWith('#'));
    // An address literal is left out (private_destinations would deny it too).
    expect(hosts).toEqual(['api.example.com']);
  });

  it('denies everything when no host is allowed', () => {
    const { text } = rendered(npmProfile({}, { egressAllowlist: [] }));
    expect(accessRules(text('egress-proxy/squid.conf'))).toEqual([
      'http_access deny !mcp_ports',
      'http_access deny CONNECT !SSL_ports',
      'http_access deny private_destinations',
      'http_access deny all',
    ]);
  });
});

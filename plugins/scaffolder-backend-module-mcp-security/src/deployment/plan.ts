import { isIP } from 'node:net';
import { InputError } from '@backstage/errors';
import {
  AdviseContext,
  Assessment,
  Capability,
  AssessmentView,
  McpServerProfile,
  PackageProfile,
  Priority,
  RecommendationStatus,
  RiskLevel,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { launchOf, ServerLaunch, shellWord } from './launch';
import { oneLine } from './text';

/**
 * Everything the renderers need to know about one server, derived from its
 * assessment alone. Deriving it is pure: the same assessment and overrides
 * always give the same plan, and every renderer reads only the plan.
 */
export interface DeploymentPlan {
  /** A DNS-1123 label for containers, services and Kubernetes objects. */
  name: string;
  title: string;
  entityRef?: string;
  /** The registry name of the server (server.json `name`), or its catalog name. */
  serverName: string;
  riskLevel: RiskLevel;
  riskScore: number;
  trustTier: Assessment['trust']['tier'];
  assuranceLevel: Assessment['assuranceLevel'];
  /** The facts rendered with: the assessment's profile with the template's overrides. */
  facts: DeploymentFacts;
  /** Facts the template declared that differ from the catalog, for the owner to update. */
  overrides: FactOverride[];
  run: RunMethod;
  /** How clients talk to the server; `stdio` servers are started by their client. */
  transport: 'stdio' | 'streamable-http' | 'sse';
  /**
   * The port an HTTP server listens on inside its container, or, for a stdio
   * npm server, the port of its stdio-to-HTTP bridge on Kubernetes.
   */
  port?: number;
  /**
   * The stdio-to-HTTP bridge a stdio npm server runs behind on Kubernetes;
   * undefined for every other server. Compose keeps starting it over stdio.
   */
  bridge?: StdioBridge;
  /** The server's arguments, the folders they name and the settings it needs, from its server.json. */
  launch: ServerLaunch;
  /** Hosts the egress proxy lets through: the declared allow-list, and for a remote-only server the remotes' hosts. */
  egressHosts: string[];
  /** Allow-list entries and remotes that are not host names and were left out, each with why: `10.0.0.1 (an IP address: …)`. */
  rejectedEgress: string[];
  limits: ResourceLimits;
  /** Ports the proxy lets the server connect to; plain HTTP only where risk and data allow it. */
  egressPorts: number[];
  recommendations: {
    controlId: string;
    title: string;
    priority: Priority;
    status: RecommendationStatus;
  }[];
  maintenancePlan: Assessment['maintenancePlan'];
  secretsInArguments: string[];
  knowledgeVersion: string;
  engineVersion: string;
  assessedAt: string;
}

export type DeploymentFacts = Pick<
  McpServerProfile,
  | 'deploymentContext'
  | 'exposure'
  | 'dataClassification'
  | 'capabilities'
  | 'isolation'
  | 'auth'
  | 'egressAllowlist'
>;

export interface FactOverride {
  fact: keyof AdviseContext;
  catalog: string;
  declared: string;
}

/**
 * How the server's code gets run:
 * - `image`: the publisher's OCI image, used as is (pinned by digest where the server.json gives one);
 * - `npm` / `pypi`: an image built from the Dockerfile that installs the exact package version;
 * - `remote`: the publisher runs it; there is no container to deploy, only the
 *   proxy, the alerts and the runbook for the clients that reach it.
 */
export type RunMethod =
  | {
      kind: 'image';
      image: string;
      digestPinned: boolean;
      tagPinned: boolean;
    }
  | {
      kind: 'npm' | 'pypi';
      packageName: string;
      /** The exact version, or undefined when the server.json gives none or a range. */
      version?: string;
      declaredVersion?: string;
      baseImage: string;
      /**
       * The name the rendered image is built as, under LOCAL_IMAGE_REPOSITORY:
       * never pulled, and no public registry can serve an image by that name.
       */
      image: string;
    }
  | { kind: 'remote'; urls: string[] };

/**
 * supergateway, pinned to an exact version and installed in the server's
 * image beside it: it starts the server as a child process per MCP session
 * and serves it over Streamable HTTP, so a stdio server can run as a
 * Deployment behind a Service. Its flags are those of supergateway 4.0.0.
 */
export interface StdioBridge {
  packageName: string;
  version: string;
  /** The command supergateway runs (through /bin/sh) to start the server over stdio. */
  stdioCommand: string;
  port: number;
  /** The Streamable HTTP endpoint. */
  path: string;
  /** Answers `ok` while the bridge runs; it does not start the server. */
  healthPath: string;
  /** Idle sessions, each with its own server process, end after this. */
  sessionTimeoutMs: number;
  /** The container's command and arguments on Kubernetes. */
  command: string[];
  args: string[];
}

export const STDIO_BRIDGE = {
  packageName: 'supergateway',
  version: '4.0.0',
} as const;
/** Where the Dockerfile links the bridge's bin, beside /app/server. */
export const BRIDGE_ENTRYPOINT = '/app/bridge';

export interface ResourceLimits {
  cpu: string;
  cpuRequest: string;
  /** Compose `cpus`, e.g. `0.5`. */
  composeCpus: string;
  /** Kubernetes quantity, e.g. `512Mi`. */
  memory: string;
  memoryRequest: string;
  /** Compose byte value, e.g. `512m`. */
  composeMemory: string;
  memoryBytes: number;
  pids: number;
  tmpSize: string;
  tmpSizeBytes: number;
}

/**
 * Base images for packages, pinned by exact tag. Their digests are not known
 * here and are never invented: the Dockerfile and the runbook say how to pin
 * them once the image is pulled and reviewed. Node.js from 22.21.0 on sends
 * fetch() and http(s) requests through HTTP(S)_PROXY when
 * NODE_USE_ENV_PROXY=1; before it, fetch() ignored the proxy and so had no
 * way out of the internal network.
 */
export const BASE_IMAGES = {
  npm: 'node:22.23.3-bookworm-slim',
  pypi: 'python:3.12.8-slim-bookworm',
} as const;

/**
 * Where images built from the rendered Dockerfile are named. `localhost/`
 * is a registry host to Docker and containerd, so the name cannot resolve
 * to Docker Hub, where anyone could register `mcp-servers` and publish an
 * image that a pull would fetch in place of the one built here.
 */
export const LOCAL_IMAGE_REPOSITORY = 'localhost/mcp-servers';

/** The allow-listing egress proxy (squid); an exact tag of the Ubuntu-maintained image. */
export const PROXY_IMAGE = 'ubuntu/squid:5.2-22.04_beta';
export const PROXY_PORT = 3128;
/** The unprivileged user the server runs as, in every image and manifest. */
export const SERVER_UID = 10001;
/** The `proxy` user of the Ubuntu squid image. */
export const PROXY_UID = 13;
export const HTTP_PORT = 8080;

const LIMITS: Record<RiskLevel, ResourceLimits> = {
  low: limits('1', '250m', 1024, 512, 256),
  medium: limits('1', '250m', 512, 256, 128),
  high: limits('500m', '100m', 512, 256, 128),
  critical: limits('500m', '100m', 256, 128, 64),
};

function limits(
  cpu: string,
  cpuRequest: string,
  memoryMi: number,
  pids: number,
  tmpMi: number,
): ResourceLimits {
  return {
    cpu,
    cpuRequest,
    composeCpus: cpu.endsWith('m') ? String(parseInt(cpu, 10) / 1000) : cpu,
    memory: `${memoryMi}Mi`,
    memoryRequest: `${memoryMi / 2}Mi`,
    composeMemory: `${memoryMi}m`,
    memoryBytes: memoryMi * 1024 * 1024,
    pids,
    tmpSize: `${tmpMi}Mi`,
    tmpSizeBytes: tmpMi * 1024 * 1024,
  };
}

export function limitsFor(riskLevel: RiskLevel): ResourceLimits {
  return LIMITS[riskLevel];
}

/** Capabilities whose tool calls change something outside the server: alert on them. */
export const DESTRUCTIVE_CAPABILITIES: readonly Capability[] = [
  'filesystem-write',
  'shell-exec',
  'code-exec',
  'database-write',
  'cloud-admin',
  'credentials-access',
  'email-send',
  'messaging-send',
  'financial-transactions',
  'write-api',
];

/** True for risk high or critical: the tighter variant of a setting applies. */
export function isElevated(plan: Pick<DeploymentPlan, 'riskLevel'>): boolean {
  return plan.riskLevel === 'high' || plan.riskLevel === 'critical';
}

/** The files that can be rendered for a server, by how it runs. */
export type DeploymentTarget = 'dockerfile' | 'compose' | 'kubernetes';
export const DEPLOYMENT_TARGETS: readonly DeploymentTarget[] = [
  'dockerfile',
  'compose',
  'kubernetes',
];

/**
 * Why a target does not apply to the plan, or undefined when it does. A
 * Dockerfile only builds packages (a published image is used as is), and a
 * Kubernetes Deployment only suits a server that listens: an HTTP server, or
 * a stdio npm server behind the stdio-to-HTTP bridge its image carries. Other
 * stdio servers are started by their client (`docker compose run`).
 */
export function whyTargetDoesNotApply(
  plan: Pick<DeploymentPlan, 'run' | 'transport' | 'bridge'>,
  target: DeploymentTarget,
): string | undefined {
  if (plan.run.kind === 'remote') {
    return 'the server is only available as a remote its publisher runs; there is nothing to deploy';
  }
  if (target === 'dockerfile' && plan.run.kind === 'image') {
    return `the publisher's image ${plan.run.image} is used as is`;
  }
  if (target === 'kubernetes' && plan.transport === 'stdio' && !plan.bridge) {
    const image =
      plan.run.kind === 'pypi'
        ? 'the Python image built for it'
        : `the publisher's image ${plan.run.image}`;
    return `a stdio server is started by its client and does not listen, and ${image} has no Node.js runtime to run the stdio-to-HTTP bridge (${STDIO_BRIDGE.packageName}) in; run it with compose, or use an HTTP transport of the server`;
  }
  return undefined;
}

/** True when the data or the context leaves no room for relaxed settings. */
export function isSensitive(plan: Pick<DeploymentPlan, 'facts'>): boolean {
  return (
    plan.facts.dataClassification === 'restricted' ||
    plan.facts.dataClassification === 'confidential' ||
    plan.facts.deploymentContext === 'regulated'
  );
}

const HOST =
  /^(\*\.|\.)?(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

/**
 * An IPv4 address in any form a resolver accepts (`169.254.169.254`,
 * `127.1`, `0x7f.0.0.1`), an IPv6 address with or without brackets, or a
 * range of either. No top-level domain is numeric, so a name whose last
 * label is a number is an address.
 */
function isIpLiteral(value: string): boolean {
  const address = value.replace(/^\[|\](:\d+)?$/g, '').replace(/\/\d+$/, '');
  return (
    isIP(address) !== 0 ||
    /^[0-9a-f:.]*:[0-9a-f:.]*$/.test(address) ||
    /(^|\.)(0x[0-9a-f]+|\d+)$/.test(address)
  );
}

/**
 * Why an allow-list entry is left out of the proxy's allow-list, or
 * undefined when it is a host name (see egressHost).
 */
export function whyNotEgressHost(entry: string): string | undefined {
  const value = entry.trim().toLowerCase();
  if (isIpLiteral(value)) {
    return 'an IP address: the proxy allows host names only';
  }
  return HOST.test(value) ? undefined : 'not a host name';
}

/**
 * Normalises an allow-list entry to a squid `dstdomain` value: a host name,
 * or `.example.com` for a domain and its subdomains (`*.example.com` is
 * accepted as the same). Anything else (a URL, a port, an IP address or
 * range, v4 or v6) is not a host name and gives undefined: squid would
 * match an address as given, so the metadata address 169.254.169.254 could
 * be allowed by name.
 */
export function egressHost(entry: string): string | undefined {
  if (whyNotEgressHost(entry)) return undefined;
  const value = entry.trim().toLowerCase();
  return value.startsWith('*.') ? value.slice(1) : value;
}

/** An allow-list entry's host (see egressHost), or why it is left out. */
function hostOrWhy(entry: string): { host: string } | { why: string } {
  const host = egressHost(entry);
  return host ? { host } : { why: whyNotEgressHost(entry)! };
}

/** Sorted, without duplicates and without hosts a listed `.domain` already covers. */
export function normaliseHosts(hosts: string[]): string[] {
  const unique = [...new Set(hosts)];
  const domains = unique.filter(h => h.startsWith('.'));
  return unique
    .filter(
      h =>
        h.startsWith('.') ||
        !domains.some(d => h === d.slice(1) || h.endsWith(d)),
    )
    .sort();
}

/** A DNS-1123 label from a registry name such as `io.github.hashicorp/terraform-mcp-server`. */
export function resourceName(serverName: string): string {
  const last = serverName.split('/').pop() ?? serverName;
  const label = last
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return label || 'mcp-server';
}

const DIGEST = /@sha256:[0-9a-f]{64}$/i;
const EXACT_VERSION = /^v?\d+(\.\d+)*([-+][0-9A-Za-z.-]+)?$/;

/**
 * An npm package name: lower case for new packages, upper case allowed for
 * old ones; optionally scoped; URL-safe characters only (validate-npm-package-name).
 */
const NPM_NAME =
  /^(?=.{1,214}$)(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[A-Za-z0-9~-][A-Za-z0-9._~-]*$/;
/** A PyPI project name (PEP 508). */
const PYPI_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;
/** An OCI image reference, as the distribution reference grammar has it: [domain[:port]/]path[:tag][@digest]. */
const OCI_REFERENCE = (() => {
  const pathComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
  const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
  const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
  const name = `(?:${domain}/)?${pathComponent}(?:/${pathComponent})*`;
  const tag = '\\w[\\w.-]{0,127}';
  const digest =
    '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
  return new RegExp(`^(?=.{1,512}$)${name}(?::${tag})?(?:@${digest})?$`);
})();
/**
 * A declared version: an exact one, or a range as npm (`^1.2`, `>=1 <2`,
 * `1.x`) or PEP 440 (`>=1.0,!=1.3`) write it. Nothing a shell or a
 * Dockerfile would read as more than a word of a comment.
 */
const VERSION = /^[0-9A-Za-z.+*^~<>=!|, _-]{1,100}$/;

/** Why an identifier is not one of its registry, or undefined when it is. */
export function identifierProblem(
  registryType: 'npm' | 'pypi' | 'oci',
  identifier: string,
): string | undefined {
  const [grammar, what] = {
    npm: [NPM_NAME, 'an npm package name'],
    pypi: [PYPI_NAME, 'a PyPI project name (PEP 508)'],
    oci: [OCI_REFERENCE, 'an OCI image reference'],
  }[registryType] as [RegExp, string];
  return grammar.test(identifier) ? undefined : `is not ${what}`;
}

/**
 * The package's identifier and version, checked against their grammars
 * before any of them is written into a shell command, a Dockerfile or a
 * compose file. Throws an InputError naming the server.json field.
 */
function checkedPackage(
  pkg: PackageProfile & { registryType: 'npm' | 'pypi' | 'oci' },
  index: number,
): void {
  const field = `serverJson.packages[${index}]`;
  const problem = identifierProblem(pkg.registryType, pkg.identifier);
  if (problem) {
    throw new InputError(
      `${field}.identifier: ${JSON.stringify(pkg.identifier)} ${problem}`,
    );
  }
  if (
    pkg.registryType !== 'oci' &&
    pkg.version !== undefined &&
    !VERSION.test(pkg.version)
  ) {
    throw new InputError(
      `${field}.version: ${JSON.stringify(
        pkg.version,
      )} is not a version or a version range`,
    );
  }
}

/** The package the deployment runs: the publisher's image first, then npm, then PyPI. */
function chosenPackage(profile: McpServerProfile): PackageProfile | undefined {
  for (const type of ['oci', 'npm', 'pypi']) {
    const pkg = profile.packages.find(p => p.registryType === type);
    if (pkg) return pkg;
  }
  return undefined;
}

function runMethodOf(
  profile: McpServerProfile,
  pkg: PackageProfile | undefined,
  name: string,
): RunMethod {
  if (!pkg) {
    return {
      kind: 'remote',
      urls: profile.remotes
        .filter(r => r.type !== 'stdio')
        .map(r => r.url)
        .sort(),
    };
  }
  const registryType = pkg.registryType as 'npm' | 'pypi' | 'oci';
  checkedPackage({ ...pkg, registryType }, profile.packages.indexOf(pkg));
  if (registryType === 'oci') {
    const digestPinned = DIGEST.test(pkg.identifier);
    return {
      kind: 'image',
      image: pkg.identifier,
      digestPinned,
      tagPinned: !digestPinned && pkg.pinned,
    };
  }
  const kind = registryType;
  const version =
    pkg.version && EXACT_VERSION.test(pkg.version) ? pkg.version : undefined;
  return {
    kind,
    packageName: pkg.identifier,
    version,
    declaredVersion: pkg.version,
    baseImage: BASE_IMAGES[kind],
    // An OCI tag has no '+': 1.2.3+build becomes 1.2.3_build.
    image: `${LOCAL_IMAGE_REPOSITORY}/${name}:${
      version?.replace(/\+/g, '_') ?? 'unpinned'
    }`,
  };
}

/** The bridge for a stdio npm server: its image has Node.js, so supergateway runs beside it. */
function bridgeOf(
  run: RunMethod,
  transport: DeploymentPlan['transport'],
  launch: ServerLaunch,
): StdioBridge | undefined {
  if (run.kind !== 'npm' || transport !== 'stdio') return undefined;
  const bridge = {
    ...STDIO_BRIDGE,
    // The server with its arguments; /bin/sh expands the settings from the environment.
    stdioCommand: ['node /app/server', ...launch.args.map(shellWord)].join(' '),
    port: HTTP_PORT,
    path: '/mcp',
    healthPath: '/healthz',
    sessionTimeoutMs: 600_000,
  };
  return {
    ...bridge,
    command: ['node', BRIDGE_ENTRYPOINT],
    args: [
      '--stdio',
      bridge.stdioCommand,
      '--outputTransport',
      'streamableHttp',
      // One server process per MCP session, ended after the session is idle.
      '--stateful',
      '--sessionTimeout',
      String(bridge.sessionTimeoutMs),
      '--port',
      String(bridge.port),
      '--streamableHttpPath',
      bridge.path,
      '--healthEndpoint',
      bridge.healthPath,
      '--logLevel',
      'info',
    ],
  };
}

function transportOf(
  pkg: PackageProfile | undefined,
): DeploymentPlan['transport'] {
  if (!pkg) return 'streamable-http';
  return pkg.transport === 'streamable-http' || pkg.transport === 'sse'
    ? pkg.transport
    : 'stdio';
}

/** The host of a remote's URL, or why it is none the proxy may allow. */
function remoteHost(url: string): { host: string } | { why: string } {
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'https:' && protocol !== 'http:') {
      return { why: 'not an HTTP(S) URL' };
    }
    return hostOrWhy(hostname);
  } catch {
    return { why: 'not a URL' };
  }
}

/**
 * The profile with the facts the template declared. A declared fact wins for
 * rendering; where it differs from what the catalog says, it is reported so
 * the owner can update the annotation (the assessment itself is unchanged).
 */
export function applyOverrides(
  profile: McpServerProfile,
  context: AdviseContext = {},
): { facts: DeploymentFacts; overrides: FactOverride[] } {
  const facts: DeploymentFacts = {
    deploymentContext: profile.deploymentContext,
    exposure: profile.exposure,
    dataClassification: profile.dataClassification,
    capabilities: profile.capabilities,
    isolation: profile.isolation,
    auth: profile.auth,
    egressAllowlist: profile.egressAllowlist,
  };
  const overrides: FactOverride[] = [];
  const show = (value: string | string[]) =>
    Array.isArray(value) ? [...value].sort().join(',') || '(none)' : value;
  for (const fact of Object.keys(facts) as (keyof DeploymentFacts)[]) {
    const declared = context[fact];
    if (declared === undefined) continue;
    if (show(declared) !== show(facts[fact])) {
      overrides.push({
        fact,
        catalog: show(facts[fact]),
        declared: show(declared),
      });
    }
    (facts as Record<string, unknown>)[fact] = declared;
  }
  return { facts, overrides };
}

/** Derives the deployment plan of a server from its assessment and the template's declared facts. */
export function deploymentPlanOf(
  assessment: Assessment | AssessmentView,
  context: AdviseContext = {},
): DeploymentPlan {
  const { profile } = assessment;
  const { facts, overrides } = applyOverrides(profile, context);
  // The catalog name for a catalog server, else the last part of the registry name.
  const name = resourceName(
    assessment.entityRef?.split('/').pop() ??
      profile.registryName ??
      profile.name,
  );
  const pkg = chosenPackage(profile);
  const run = runMethodOf(profile, pkg, name);
  const transport = transportOf(pkg);
  const launch = launchOf(
    pkg,
    facts.capabilities,
    `serverJson.packages[${pkg ? profile.packages.indexOf(pkg) : 0}]`,
  );
  const bridge = bridgeOf(run, transport, launch);

  const declared = facts.egressAllowlist.map(entry => ({
    entry,
    ...hostOrWhy(entry),
  }));
  // A remote's host only when the clients reach that remote through the
  // proxy: a server run here from its package calls the hosts it declares.
  const remotes =
    run.kind === 'remote'
      ? profile.remotes
          .filter(r => r.type !== 'stdio')
          .map(r => ({ entry: r.url, ...remoteHost(r.url) }))
      : [];
  const allowed = [...declared, ...remotes];
  const egressHosts = normaliseHosts(
    allowed.flatMap(a => ('host' in a ? [a.host] : [])),
  );

  const riskLevel = assessment.risk.level;
  const tight = isElevated({ riskLevel }) || isSensitive({ facts });

  return {
    name,
    // Text from the profile, kept to one line wherever a file repeats it.
    title: oneLine(profile.title ?? profile.name),
    entityRef:
      assessment.entityRef === undefined
        ? undefined
        : oneLine(assessment.entityRef),
    serverName: oneLine(profile.registryName ?? profile.name),
    riskLevel,
    riskScore: assessment.risk.score,
    trustTier: assessment.trust.tier,
    assuranceLevel: assessment.assuranceLevel,
    facts,
    overrides,
    run,
    transport,
    port: transport === 'stdio' ? bridge?.port : HTTP_PORT,
    bridge,
    launch,
    egressHosts,
    rejectedEgress: allowed.flatMap(a =>
      'why' in a ? [oneLine(`${a.entry} (${a.why})`)] : [],
    ),
    limits: limitsFor(riskLevel),
    egressPorts: tight ? [443] : [80, 443],
    recommendations: assessment.recommendations.map(r => ({
      controlId: r.controlId,
      title: r.title,
      priority: r.priority,
      status: 'status' in r ? r.status : 'open',
    })),
    maintenancePlan: assessment.maintenancePlan,
    secretsInArguments: profile.secretsInArguments,
    knowledgeVersion: assessment.knowledgeVersion,
    engineVersion: assessment.engineVersion,
    assessedAt: assessment.assessedAt,
  };
}

import {
  Capability,
  DataClassification,
  DeploymentContext,
  Exposure,
  Isolation,
  Auth,
  RiskLevel,
  Unknown,
} from '@mcp-server-operator/plugin-mcp-security-common';

/**
 * The built-in scoring model: every point the engine gives has its weight and
 * its wording here, so a score can always be traced back to one line.
 */
export const MODEL_VERSION = 'builtin-4';

export const trustModel = {
  base: 30,
  registryName: 10,
  publisherMatchesRepository: 15,
  sourceRepository: 15,
  noSourceRepository: -10,
  allPackagesPinned: 15,
  unpinnedPackage: -15,
  firstPartyPublisher: 20,
  findingPenalty: { critical: -15, high: -10, medium: -5, low: 0, info: 0 },
  findingPenaltyFloor: -30,
  deprecated: -10,
  tiers: { trusted: 75, community: 45 },
  /** Publisher namespaces of vendors that publish their own official MCP servers. */
  firstPartyNamespaces: [
    'io.github.modelcontextprotocol',
    'io.github.github',
    'io.github.microsoft',
    'io.github.hashicorp',
    'io.github.neondatabase',
    'com.neon',
    'io.github.stripe',
    'com.stripe',
    'io.github.apify',
    'com.apify',
    'io.github.cloudflare',
  ],
} as const;

export const impactModel = {
  capabilities: {
    'shell-exec': 25,
    'code-exec': 25,
    'cloud-admin': 25,
    'financial-transactions': 25,
    'credentials-access': 20,
    'filesystem-write': 20,
    'database-write': 15,
    'browser-automation': 15,
    'write-api': 10,
    'email-send': 10,
    'messaging-send': 10,
    'network-egress': 10,
    'filesystem-read': 10,
    'database-read': 8,
    'read-only-api': 3,
  } satisfies Record<Capability, number>,
  /** The strongest capability counts in full, each further one adds a share: power compounds, but not linearly. */
  additionalCapabilityShare: 0.25,
  capabilityCap: 35,
  undeclaredCapabilities: 20,
  dataClassification: {
    public: 0,
    internal: 5,
    confidential: 10,
    restricted: 15,
    unknown: 10,
  } satisfies Record<DataClassification | Unknown, number>,
  deploymentContext: {
    development: 0,
    internal: 3,
    production: 5,
    regulated: 8,
    unknown: 5,
  } satisfies Record<DeploymentContext | Unknown, number>,
} as const;

export const likelihoodModel = {
  trustTier: { trusted: 0, community: 8, unknown: 15 },
  exposure: {
    local: 0,
    internal: 4,
    internet: 10,
    unknown: 6,
  } satisfies Record<Exposure | Unknown, number>,
  auth: {
    none: 10,
    'api-key': 4,
    oauth2: 0,
    mtls: 0,
    unknown: 6,
  } satisfies Record<Auth | Unknown, number>,
  isolation: {
    none: 10,
    process: 6,
    container: 2,
    vm: 0,
    unknown: 8,
  } satisfies Record<Isolation | Unknown, number>,
  unpinnedPackage: 8,
  /** npx, uvx and friends resolve and run registry code on every start, outside any review. */
  launchTimeDownload: 6,
  secretsInArguments: 6,
  plainHttpRemote: 8,
  egressWithoutAllowlist: 4,
  findingPoints: { critical: 8, high: 4, medium: 2, low: 0, info: 0 },
  findingCap: 10,
} as const;

/** Lower bounds of each risk level on the 0–100 score. */
export const riskLevels: ReadonlyArray<[RiskLevel, number]> = [
  ['critical', 70],
  ['high', 50],
  ['medium', 30],
  ['low', 0],
];

import {
  evaluateFilterPredicate,
  FilterPredicate,
} from '@backstage/filter-predicates';
import {
  AssuranceLevel,
  Finding,
  GuidanceType,
  McpServerProfile,
  RiskAssessment,
  TrustAssessment,
  UNKNOWN,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { ConditionFacts, ProvenanceField } from '../knowledge/conditionFacts';
import { RiskModel } from '../knowledge/schema';

const DECLARABLE = [
  'deploymentContext',
  'exposure',
  'dataClassification',
  'isolation',
  'auth',
] as const;

const LAUNCH_TIME_RUNNERS = ['npx', 'bunx', 'pnpx', 'uvx', 'pipx', 'dnx'];

export function launchedFromRegistry(profile: McpServerProfile) {
  return profile.packages.filter(p =>
    LAUNCH_TIME_RUNNERS.includes(p.runtimeHint ?? ''),
  );
}

const isPlainHttp = (url: string) =>
  url.startsWith('http:') &&
  !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])[:/]/.test(`${url}/`);

export function plainHttpRemotes(profile: McpServerProfile) {
  return profile.remotes.filter(r => isPlainHttp(r.url));
}

/** Findings that have a factor of their own; counting them again as findings would score one problem twice. */
const SCORED_AS_FACTORS = [
  'package-unpinned:',
  'secret-in-arguments:',
  'remote-plain-http:',
  'registry-deleted:',
];

export function otherFindings(findings: Finding[]): Finding[] {
  return findings.filter(
    f => !SCORED_AS_FACTORS.some(prefix => f.id.startsWith(prefix)),
  );
}

type BaseFacts = Omit<
  ConditionFacts,
  'assuranceLevel' | 'guidanceType' | ProvenanceField
>;

/** The facts conditions test, flattened from the profile and the scores. */
export function conditionFactsOf(
  profile: McpServerProfile,
  trust: TrustAssessment,
  risk: RiskAssessment,
): BaseFacts {
  const transports = new Set([
    ...profile.packages.map(p => p.transport),
    ...profile.remotes.map(r => r.type),
  ]);
  return {
    deploymentContext: profile.deploymentContext,
    exposure: profile.exposure,
    dataClassification: profile.dataClassification,
    isolation: profile.isolation,
    auth: profile.auth,
    capabilities: profile.capabilities,
    capabilitiesDeclared: profile.capabilitiesDeclared,
    undeclared: [
      ...DECLARABLE.filter(fact => profile[fact] === UNKNOWN),
      ...(profile.capabilitiesDeclared ? [] : ['capabilities']),
    ],
    trustTier: trust.tier,
    riskLevel: risk.level,
    lifecycle: profile.lifecycle ?? '',
    transports: [...transports],
    registryTypes: [...new Set(profile.packages.map(p => p.registryType))],
    runtimeHints: [
      ...new Set(
        profile.packages.flatMap(p => (p.runtimeHint ? [p.runtimeHint] : [])),
      ),
    ],
    findingSeverities: [
      ...new Set(otherFindings(profile.findings).map(f => f.severity)),
    ],
    hasPackages: profile.packages.length > 0,
    hasRemotes: profile.remotes.length > 0,
    hasUnpinnedPackages: profile.packages.some(p => !p.pinned),
    hasImageWithoutDigest: profile.packages.some(
      p => p.registryType === 'oci' && !/@sha256:/.test(p.identifier),
    ),
    launchedFromRegistry: launchedFromRegistry(profile).length > 0,
    hasSecretsInArguments: profile.secretsInArguments.length > 0,
    hasSecretInputs:
      profile.secretsInArguments.length > 0 ||
      profile.remotes.some(r => r.authHeader),
    hasPlainHttpRemote: plainHttpRemotes(profile).length > 0,
    hasSseRemote: profile.remotes.some(r => r.type === 'sse'),
    hasRemoteWithoutAuthHeader: profile.remotes.some(r => !r.authHeader),
    hasEgressAllowlist: profile.egressAllowlist.length > 0,
    hasSourceRepository: !!profile.repositoryUrl,
    hasRegistryName: !!profile.registryName,
    trustOverridden: !!profile.trustOverride,
    hasMaliciousPackage: (profile.advisories ?? []).some(a => a.malicious),
    hasKnownVulnerability: (profile.advisories ?? []).some(a => !a.malicious),
    importedFindingSeverities: [
      ...new Set((profile.importedFindings ?? []).map(f => f.severity)),
    ],
  };
}

export function matches(conditions: unknown, facts: object): boolean {
  return evaluateFilterPredicate(conditions as FilterPredicate, facts);
}

/** The first assurance rule that matches, else the model's fallback. */
export function assuranceLevelOf(
  facts: BaseFacts,
  model: RiskModel,
): AssuranceLevel {
  return (
    model.assuranceRules.find(rule => matches(rule.conditions, facts))?.level ??
    model.assuranceFallback
  );
}

/** Which kind of guidance fits: development use first, then in-house servers, then the trust tier. */
export function guidanceTypeOf(
  profile: McpServerProfile,
  trust: TrustAssessment,
  model: RiskModel,
): GuidanceType {
  if (profile.deploymentContext === 'development') return 'development';
  const namespace = profile.publisherNamespace?.toLocaleLowerCase('en-US');
  if (namespace && model.trust.enterpriseNamespaces.includes(namespace)) {
    return 'enterprise';
  }
  return trust.tier;
}

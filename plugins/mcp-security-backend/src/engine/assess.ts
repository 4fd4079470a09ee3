import {
  Assessment,
  Capability,
  Finding,
  McpServerProfile,
  Provenance,
  RiskAssessment,
  RiskFactor,
  RiskLevel,
  TrustAssessment,
  TrustSignal,
  TrustTier,
  UNKNOWN,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { Knowledge } from '../knowledge/loadKnowledge';
import { RiskModel } from '../knowledge/schema';
import { advisoryFactors } from './advisoryRisk';
import { toolChangeFactor } from './toolSnapshots';
import { importedFindingFactors } from './importedFindingRisk';
import { profileHash } from './profileHash';
import {
  assuranceLevelOf,
  conditionFactsOf,
  guidanceTypeOf,
  launchedFromRegistry,
  otherFindings,
  plainHttpRemotes,
} from './facts';
import {
  judgeProvenance,
  provenanceFactsOf,
  repositoryOwner,
} from './provenance';
import { maintenancePlanOf, recommend } from './recommend';

export const ENGINE_VERSION = '0.4.0';

const clamp = (value: number) => Math.max(0, Math.min(100, Math.round(value)));
const sum = (items: { points: number }[]) =>
  items.reduce((total, item) => total + item.points, 0);

function findingPenalty(
  findings: Finding[],
  points: Record<Finding['severity'], number>,
) {
  return otherFindings(findings).reduce(
    (total, f) => total + points[f.severity],
    0,
  );
}

/** What the publisher, hosting and release say about how far the code can be trusted. */
function provenanceSignals(
  provenance: Provenance,
  weights: RiskModel['trust']['signals'],
): TrustSignal[] {
  const { publisher, hosting } = provenance;
  const signals: TrustSignal[] = [];
  if (publisher.verification === 'domain') {
    signals.push({
      id: 'domain-verified-publisher',
      points: weights.domainVerifiedPublisher,
      reason: publisher.evidence,
    });
  }
  if (
    publisher.mismatches.length > 0 &&
    hosting?.value !== 'third-party-hosted'
  ) {
    signals.push({
      id: 'publisher-mismatch',
      points: weights.publisherMismatch,
      reason: `The code is not published by the namespace's owner: ${publisher.mismatches.join(
        '; ',
      )}`,
    });
  }
  if (hosting?.value === 'vendor-hosted') {
    signals.push({
      id: 'vendor-hosted',
      points: weights.vendorHosted,
      reason: `Hosted by the publisher itself: ${hosting.evidence}`,
    });
  } else if (hosting?.value === 'third-party-hosted') {
    signals.push({
      id: 'third-party-hosted',
      points: weights.thirdPartyHosted,
      reason: `Hosted by a third party: ${hosting.evidence}`,
    });
  }
  if (provenance.lookalikes.length > 0) {
    signals.push({
      id: 'lookalike',
      points: weights.lookalike,
      reason: provenance.lookalikes
        .map(l => `Imitates ${l.vendor}'s official server: ${l.evidence}`)
        .join('; '),
    });
  }
  if (provenance.knownMalicious.length > 0) {
    signals.push({
      id: 'known-malicious',
      points: weights.knownMalicious,
      reason: provenance.knownMalicious
        .map(m => `${m.identifier} is a known-malicious package: ${m.reason}`)
        .join('; '),
    });
  }
  for (const release of provenance.releaseSignals) {
    signals.push({
      id: `release-${release.id}`,
      points: weights.releaseSignal,
      reason: release.evidence,
    });
  }
  return signals;
}

/** First party: a listed vendor namespace, or a verified domain whose code and hosting agree with it. */
function isFirstParty(
  namespace: string | undefined,
  provenance: Provenance,
  trustModel: RiskModel['trust'],
) {
  if (!namespace || provenance.lookalikes.length > 0) return false;
  if (trustModel.firstPartyNamespaces.includes(namespace)) return true;
  return (
    provenance.publisher.verification === 'domain' &&
    provenance.publisher.mismatches.length === 0 &&
    provenance.hosting?.value !== 'third-party-hosted'
  );
}

export function assessTrust(
  profile: McpServerProfile,
  model: RiskModel,
  provenance: Provenance = judgeProvenance(profile, model.provenance),
): TrustAssessment {
  const trustModel = model.trust;
  const signals: TrustSignal[] = [
    {
      id: 'base',
      points: trustModel.base,
      reason: 'Starting score for any server',
    },
  ];
  const namespace = profile.publisherNamespace?.toLocaleLowerCase('en-US');
  if (profile.registryName) {
    signals.push({
      id: 'registry-name',
      points: trustModel.signals.registryName,
      reason: `Published under the MCP Registry name ${profile.registryName}`,
    });
  }
  const owner = repositoryOwner(profile.repositoryUrl);
  if (namespace && owner && namespace === `io.github.${owner}`) {
    signals.push({
      id: 'publisher-matches-repository',
      points: trustModel.signals.publisherMatchesRepository,
      reason: `Publisher namespace ${profile.publisherNamespace} matches the source repository owner ${owner}`,
    });
  }
  if (isFirstParty(namespace, provenance, trustModel)) {
    signals.push({
      id: 'first-party-publisher',
      points: trustModel.signals.firstPartyPublisher,
      reason: trustModel.firstPartyNamespaces.includes(namespace!)
        ? `${profile.publisherNamespace} is the vendor's own publisher namespace`
        : `${profile.publisherNamespace} publishes and runs its own code under its verified domain`,
    });
  }
  signals.push(...provenanceSignals(provenance, trustModel.signals));
  signals.push(
    profile.repositoryUrl
      ? {
          id: 'source-repository',
          points: trustModel.signals.sourceRepository,
          reason: `Source code is public at ${profile.repositoryUrl}`,
        }
      : {
          id: 'no-source-repository',
          points: trustModel.signals.noSourceRepository,
          reason:
            'No source repository is declared, so the code cannot be reviewed',
        },
  );
  const unpinned = profile.packages.filter(p => !p.pinned);
  if (profile.packages.length > 0) {
    signals.push(
      unpinned.length === 0
        ? {
            id: 'pinned-versions',
            points: trustModel.signals.allPackagesPinned,
            reason: `Every package is pinned to an exact version (${profile.packages
              .map(
                p =>
                  `${p.identifier}${
                    p.registryType === 'oci' ? '' : `@${p.version}`
                  }`,
              )
              .join(', ')})`,
          }
        : {
            id: 'unpinned-versions',
            points: trustModel.signals.unpinnedPackage,
            reason: `Not pinned to an exact version: ${unpinned
              .map(p => p.identifier)
              .join(', ')}`,
          },
    );
  }
  const penalty = Math.max(
    trustModel.findingPenaltyFloor,
    findingPenalty(profile.findings, trustModel.findingPenalty),
  );
  if (penalty < 0) {
    signals.push({
      id: 'findings',
      points: penalty,
      reason: `${
        otherFindings(profile.findings).filter(
          f => trustModel.findingPenalty[f.severity] < 0,
        ).length
      } medium or worse finding(s) lower confidence in this server`,
    });
  }
  if (profile.lifecycle === 'deprecated') {
    signals.push({
      id: 'deprecated',
      points: trustModel.signals.deprecated,
      reason: 'The catalog marks this server deprecated',
    });
  }
  if (namespace && trustModel.allowedNamespaces.includes(namespace)) {
    signals.push({
      id: 'allowed-publisher',
      points: trustModel.signals.allowedPublisher,
      reason: `${profile.publisherNamespace} is on the organisation's allow-list`,
    });
  }
  const score = clamp(sum(signals));
  // A high score alone is not enough for "trusted": the publisher must be the vendor itself.
  const firstParty = signals.some(s => s.id === 'first-party-publisher');
  let tier: TrustTier = 'unknown';
  if (score >= trustModel.tiers.trusted && firstParty) tier = 'trusted';
  else if (score >= trustModel.tiers.community) tier = 'community';
  if (namespace && trustModel.deniedNamespaces.includes(namespace)) {
    tier = 'unknown';
    signals.push({
      id: 'denied-publisher',
      points: 0,
      reason: `${profile.publisherNamespace} is on the organisation's deny-list, so the tier is unknown whatever the score`,
    });
  } else if (profile.trustOverride) {
    tier = profile.trustOverride.tier;
    signals.push({
      id: 'trust-override',
      points: 0,
      reason: `Tier set to ${tier} by the owner: ${profile.trustOverride.reason}`,
    });
  }
  return { tier, score, signals };
}

function capabilityFactor(
  capabilities: Capability[],
  impactModel: RiskModel['risk']['impact'],
  describe: (names: string) => string,
): RiskFactor | undefined {
  const weighted = capabilities
    .map(c => ({ capability: c, points: impactModel.capabilities[c] }))
    .sort((a, b) => b.points - a.points);
  const [strongest, ...others] = weighted;
  if (!strongest) return undefined;
  const raw =
    strongest.points +
    others.reduce(
      (t, o) => t + o.points * impactModel.additionalCapabilityShare,
      0,
    );
  return {
    id: 'capabilities',
    dimension: 'impact',
    points: Math.round(Math.min(impactModel.capabilityCap, raw)),
    reason: `${describe(
      weighted.map(w => w.capability).join(', '),
    )} (strongest: ${strongest.capability})`,
  };
}

function impactFactors(
  profile: McpServerProfile,
  provenance: Provenance,
  impactModel: RiskModel['risk']['impact'],
): RiskFactor[] {
  const factors: RiskFactor[] = [];
  const inferred = provenance.inferredCapabilities;
  if (profile.capabilitiesDeclared) {
    const declared = capabilityFactor(
      profile.capabilities,
      impactModel,
      names => `Capabilities: ${names}`,
    );
    if (declared) factors.push(declared);
  } else if (inferred.length > 0) {
    factors.push(
      capabilityFactor(
        inferred.map(i => i.value),
        impactModel,
        names =>
          `Inferred capabilities: ${names}, from ${inferred
            .map(i => `${i.value} (${i.evidence})`)
            .join('; ')}`,
      )!,
      {
        id: 'capabilities-undeclared',
        dimension: 'impact',
        points: impactModel.inferredCapabilitiesUndeclared,
        reason:
          'Capabilities are not declared; the inferred ones may miss some',
      },
    );
  } else {
    factors.push({
      id: 'capabilities-undeclared',
      dimension: 'impact',
      points: impactModel.undeclaredCapabilities,
      reason:
        'Capabilities are not declared and nothing the server says reveals them, so moderate access is assumed',
    });
  }
  const classification = profile.dataClassification;
  factors.push({
    id: 'data-classification',
    dimension: 'impact',
    points: impactModel.dataClassification[classification],
    reason:
      classification === UNKNOWN
        ? 'Data classification is not declared; confidential data is assumed'
        : `Handles ${classification} data`,
  });
  const context = profile.deploymentContext;
  factors.push({
    id: 'deployment-context',
    dimension: 'impact',
    points: impactModel.deploymentContext[context],
    reason:
      context === UNKNOWN
        ? 'Deployment context is not declared; production is assumed'
        : `Deployed for ${context} use`,
  });
  return factors;
}

/** Likelihood from who publishes and runs the code and how it is released. */
function provenanceFactors(
  provenance: Provenance,
  likelihoodModel: RiskModel['risk']['likelihood'],
): RiskFactor[] {
  const factors: RiskFactor[] = [];
  const { hosting, publisher } = provenance;
  if (hosting) {
    factors.push({
      id: 'hosting',
      dimension: 'likelihood',
      points: likelihoodModel.hosting[hosting.value],
      reason: `${hosting.value}: ${hosting.evidence}`,
    });
  }
  // On a third party's host, who wrote the code matters less than who runs it: hosting counts that.
  if (
    publisher.mismatches.length > 0 &&
    hosting?.value !== 'third-party-hosted'
  ) {
    factors.push({
      id: 'publisher-mismatch',
      dimension: 'likelihood',
      points: likelihoodModel.publisherMismatch,
      reason: `Published by someone other than the namespace's owner: ${publisher.mismatches.join(
        '; ',
      )}`,
    });
  }
  if (provenance.lookalikes.length > 0) {
    factors.push({
      id: 'lookalike',
      dimension: 'likelihood',
      points: likelihoodModel.lookalike,
      reason: provenance.lookalikes
        .map(l => `Imitates ${l.vendor}'s official server: ${l.evidence}`)
        .join('; '),
    });
  }
  if (provenance.knownMalicious.length > 0) {
    factors.push({
      id: 'known-malicious',
      dimension: 'likelihood',
      points: likelihoodModel.knownMalicious,
      reason: provenance.knownMalicious
        .map(m => `${m.identifier} is known-malicious: ${m.reason}`)
        .join('; '),
    });
  }
  if (provenance.releaseSignals.length > 0) {
    factors.push({
      id: 'release-signals',
      dimension: 'likelihood',
      points: Math.min(
        likelihoodModel.releaseSignalCap,
        likelihoodModel.releaseSignal * provenance.releaseSignals.length,
      ),
      reason: provenance.releaseSignals.map(r => r.evidence).join('; '),
    });
  }
  return factors;
}

/** The tier's points; within the community tier, a better-provenanced server earns fewer. */
function trustTierPoints(trust: TrustAssessment, model: RiskModel) {
  const { trustTier, communityAtTrustedScore } = model.risk.likelihood;
  if (trust.tier !== 'community') return trustTier[trust.tier];
  const { community, trusted } = model.trust.tiers;
  const progress = Math.max(
    0,
    Math.min(1, (trust.score - community) / (trusted - community)),
  );
  return Math.round(
    trustTier.community -
      (trustTier.community - communityAtTrustedScore) * progress,
  );
}

function likelihoodFactors(
  profile: McpServerProfile,
  trust: TrustAssessment,
  model: RiskModel,
): RiskFactor[] {
  const likelihoodModel = model.risk.likelihood;
  const factors: RiskFactor[] = [
    {
      id: 'trust-tier',
      dimension: 'likelihood',
      points: trustTierPoints(trust, model),
      reason: `Trust tier is ${trust.tier} (trust score ${trust.score})`,
    },
    {
      id: 'exposure',
      dimension: 'likelihood',
      points: likelihoodModel.exposure[profile.exposure],
      reason: {
        unknown: 'Network exposure is not declared',
        local: 'Reachable from this machine only',
        internal: 'Reachable from the internal network',
        internet: 'Reachable from the internet',
      }[profile.exposure],
    },
  ];
  // A stdio server has no network endpoint to authenticate, wherever its host sits.
  const stdioOnly =
    profile.remotes.length === 0 &&
    profile.packages.length > 0 &&
    profile.packages.every(p => p.transport === 'stdio');
  const networked =
    profile.remotes.length > 0 ||
    (!stdioOnly &&
      profile.exposure !== 'local' &&
      profile.exposure !== UNKNOWN);
  if (networked) {
    factors.push({
      id: 'auth',
      dimension: 'likelihood',
      points: likelihoodModel.auth[profile.auth],
      reason: {
        unknown: 'Client authentication is not declared',
        none: 'Clients connect without authentication',
        'api-key': 'Clients authenticate with an API key',
        oauth2: 'Clients authenticate with OAuth 2',
        mtls: 'Clients authenticate with mutual TLS',
      }[profile.auth],
    });
  }
  // Isolation is the operator's to choose only where the operator runs the server.
  if (profile.packages.length > 0) {
    factors.push({
      id: 'isolation',
      dimension: 'likelihood',
      points: likelihoodModel.isolation[profile.isolation],
      reason: {
        unknown: 'Runtime isolation is not declared; none is assumed likely',
        none: 'Runs without isolation, with the launching user’s full access',
        process: 'Runs isolated as a separate, restricted process',
        container: 'Runs isolated in a container',
        vm: 'Runs isolated in a virtual machine',
      }[profile.isolation],
    });
  }
  const unpinned = profile.packages.filter(p => !p.pinned);
  if (unpinned.length > 0) {
    factors.push({
      id: 'unpinned-packages',
      dimension: 'likelihood',
      points: likelihoodModel.unpinnedPackage,
      reason: `Runs whatever version is newest: ${unpinned
        .map(p => p.identifier)
        .join(', ')}`,
    });
  }
  const downloaded = launchedFromRegistry(profile);
  if (downloaded.length > 0) {
    factors.push({
      id: 'launch-time-download',
      dimension: 'likelihood',
      points: likelihoodModel.launchTimeDownload,
      reason: `Fetched from the package registry when launched (${downloaded
        .map(p => `${p.runtimeHint} ${p.identifier}`)
        .join(', ')}), not installed from a reviewed artefact`,
    });
  }
  if (profile.secretsInArguments.length > 0) {
    factors.push({
      id: 'secrets-in-arguments',
      dimension: 'likelihood',
      points: likelihoodModel.secretsInArguments,
      reason: `Secrets on the command line: ${profile.secretsInArguments.join(
        ', ',
      )}`,
    });
  }
  const plainHttp = plainHttpRemotes(profile);
  if (plainHttp.length > 0) {
    factors.push({
      id: 'plain-http',
      dimension: 'likelihood',
      points: likelihoodModel.plainHttpRemote,
      reason: `Plain HTTP endpoint: ${plainHttp.map(r => r.url).join(', ')}`,
    });
  }
  if (
    profile.capabilities.includes('network-egress') &&
    profile.egressAllowlist.length === 0
  ) {
    factors.push({
      id: 'egress-unrestricted',
      dimension: 'likelihood',
      points: likelihoodModel.egressWithoutAllowlist,
      reason: 'Network egress without an allow-list',
    });
  }
  const findingPoints = Math.min(
    likelihoodModel.findingCap,
    findingPenalty(profile.findings, likelihoodModel.findingPoints),
  );
  if (findingPoints > 0) {
    factors.push({
      id: 'findings',
      dimension: 'likelihood',
      points: findingPoints,
      reason: `Open findings: ${otherFindings(profile.findings)
        .filter(f => likelihoodModel.findingPoints[f.severity] > 0)
        .map(f => f.severity)
        .join(', ')}`,
    });
  }
  return factors;
}

export function riskLevelOf(
  score: number,
  levels: RiskModel['risk']['levels'],
): RiskLevel {
  if (score >= levels.critical) return 'critical';
  if (score >= levels.high) return 'high';
  if (score >= levels.medium) return 'medium';
  return 'low';
}

export function assessRisk(
  profile: McpServerProfile,
  trust: TrustAssessment,
  model: RiskModel,
  provenance: Provenance = judgeProvenance(profile, model.provenance),
): RiskAssessment {
  const factors = [
    ...impactFactors(profile, provenance, model.risk.impact),
    ...likelihoodFactors(profile, trust, model),
    ...provenanceFactors(provenance, model.risk.likelihood),
  ].filter(f => f.points !== 0);
  const without = clamp(sum(factors));
  factors.push(
    ...advisoryFactors(
      profile.advisories ?? [],
      { score: without, level: riskLevelOf(without, model.risk.levels) },
      model,
    ),
  );
  if (profile.unreviewedToolChange) {
    factors.push(toolChangeFactor(profile.unreviewedToolChange, model));
  }
  const withAdvisories = clamp(sum(factors));
  factors.push(
    ...importedFindingFactors(
      profile.importedFindings ?? [],
      {
        score: withAdvisories,
        level: riskLevelOf(withAdvisories, model.risk.levels),
      },
      model,
    ),
  );
  if (profile.registryStatus?.toLocaleLowerCase('en-US') === 'deleted') {
    factors.push(registryDeletedFactor(profile, clamp(sum(factors)), model));
  }
  const score = clamp(sum(factors));
  return { level: riskLevelOf(score, model.risk.levels), score, factors };
}

/** A registry deletes entries for malware, takeovers and abuse: critical whatever else the server scores. */
function registryDeletedFactor(
  profile: McpServerProfile,
  score: number,
  model: RiskModel,
): RiskFactor {
  const why = profile.registryStatusMessage
    ? `: ${profile.registryStatusMessage}`
    : '';
  return {
    id: 'registry-deleted',
    dimension: 'likelihood',
    points: Math.max(0, model.risk.levels.critical - score),
    reason: `The registry deleted ${profile.registryName}${why}. Critical whatever the deployment context.`,
  };
}

/**
 * Assesses one profile against the knowledge base. Pure and deterministic:
 * the time is an input, and the same profile and knowledge give the same
 * trust, risk, reasons and recommendations.
 */
export function assess(
  profile: McpServerProfile,
  knowledge: Knowledge,
  options: { entityRef?: string; now: Date },
): Assessment {
  const { model } = knowledge;
  const provenance = judgeProvenance(profile, model.provenance);
  const trust = assessTrust(profile, model, provenance);
  const risk = assessRisk(profile, trust, model, provenance);
  const baseFacts = conditionFactsOf(profile, trust, risk);
  const assuranceLevel = assuranceLevelOf(baseFacts, model);
  const guidanceType = guidanceTypeOf(profile, trust, model);
  const facts = {
    ...baseFacts,
    ...provenanceFactsOf(provenance),
    assuranceLevel,
    guidanceType,
  };
  return {
    entityRef: options.entityRef,
    trust,
    risk,
    provenance,
    findings: profile.findings,
    guidanceType,
    assuranceLevel,
    recommendations: recommend(knowledge.controls, facts),
    maintenancePlan: maintenancePlanOf(knowledge.maintenanceTasks, facts),
    profile,
    profileHash: profileHash(profile),
    knowledgeVersion: knowledge.version,
    engineVersion: ENGINE_VERSION,
    assessedAt: options.now.toISOString(),
  };
}

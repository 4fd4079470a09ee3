import {
  Capability,
  DerivedFact,
  Hosting,
  McpServerProfile,
  Provenance,
  PublisherFacts,
  ReleaseSignal,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { ConditionFacts, ProvenanceField } from '../knowledge/conditionFacts';
import { RiskModel } from '../knowledge/schema';
import { lookalikesOf } from './lookalikes';

type ProvenanceModel = RiskModel['provenance'];

const lower = (value: string) => value.toLocaleLowerCase('en-US');
/** Letters and digits only: `supabase-community` and `Supabase` compare as owners. */
const bare = (value: string) => lower(value).replace(/[^a-z0-9]/g, '');

function hostOf(url: string): string | undefined {
  try {
    return lower(new URL(url).hostname);
  } catch {
    return undefined;
  }
}

const under = (host: string, domain: string) =>
  host === domain || host.endsWith(`.${domain}`);

const isPrivateHost = (host: string) =>
  /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[::1\]|[^.]+$)/.test(
    host,
  ) || /\.(internal|local|lan|corp)$/.test(host);

export function repositoryOwner(url: string | undefined): string | undefined {
  const match = /^https?:\/\/github\.com\/([^/]+)\//i.exec(`${url ?? ''}/`);
  return match ? lower(match[1]) : undefined;
}

/** The owner an image or package identifier names: `ghcr.io/owner/x`, `docker.io/owner/x`, `@owner/x`. */
function packageOwner(registryType: string, identifier: string) {
  if (registryType === 'oci') {
    const parts = identifier.split(':')[0].split('@')[0].split('/');
    if (parts.length >= 3) return lower(parts[1]);
    if (parts.length === 2 && !parts[0].includes('.')) return lower(parts[0]);
    return undefined;
  }
  if (registryType === 'npm' && identifier.startsWith('@')) {
    return lower(identifier.slice(1).split('/')[0]);
  }
  return undefined;
}

/** How the registry verified the namespace, and which owners of the code disagree with it. */
export function publisherOf(
  profile: McpServerProfile,
  model: ProvenanceModel,
): PublisherFacts {
  const namespace = profile.publisherNamespace
    ? lower(profile.publisherNamespace)
    : undefined;
  if (!namespace) {
    return {
      verification: 'none',
      mismatches: [],
      evidence: 'No MCP Registry name, so nobody verified the publisher',
    };
  }
  const github = namespace.startsWith('io.github.');
  const owner = github ? namespace.slice('io.github.'.length) : undefined;
  const domain = github ? undefined : namespace.split('.').reverse().join('.');
  // The owner a domain stands for is its second-level label: cloudflare for mcp.cloudflare.com.
  const domainOwner = domain?.split('.').slice(-2)[0];
  // railwayapp publishes @railway, supabase-community publishes for supabase: one contains the other.
  const brand = bare(github ? owner! : domainOwner!);
  const agrees = (other: string) =>
    bare(other).includes(brand) || brand.includes(bare(other));
  const mismatches: string[] = [];
  const repoOwner = repositoryOwner(profile.repositoryUrl);
  if (repoOwner && !agrees(repoOwner)) {
    mismatches.push(
      `the repository ${profile.repositoryUrl} belongs to ${repoOwner}`,
    );
  }
  // Vendors publish npm packages under product scopes (@azure for Microsoft): only images are compared for them.
  const compared = github
    ? profile.packages
    : profile.packages.filter(p => p.registryType === 'oci');
  // The knowledge base lists the packages an official namespace publishes under other names.
  const listed = model.officialServers
    .filter(o => o.namespaces.includes(namespace))
    .flatMap(o => o.packages);
  for (const pkg of compared.filter(p => !listed.includes(p.identifier))) {
    const pkgOwner = packageOwner(pkg.registryType, pkg.identifier);
    if (pkgOwner && !agrees(pkgOwner) && pkgOwner !== repoOwner) {
      mismatches.push(`${pkg.identifier} is published by ${pkgOwner}`);
    }
  }
  return {
    namespace,
    verification: github ? 'github' : 'domain',
    domain,
    mismatches: [...new Set(mismatches)],
    evidence: github
      ? `${namespace} is granted to whoever signs in as the GitHub account ${owner}`
      : `${namespace} is granted only to the verified owner of ${domain}`,
  };
}

/** Who runs the code: declared by the owner, else the operator for packages, else the remote's host decides. */
export function hostingOf(
  profile: McpServerProfile,
  publisher: PublisherFacts,
  model: ProvenanceModel,
): DerivedFact<Hosting> | undefined {
  if (profile.hosting) {
    return {
      value: profile.hosting,
      source: 'annotation',
      evidence: 'Declared by the owner',
    };
  }
  const derived = (value: Hosting, evidence: string): DerivedFact<Hosting> => ({
    value,
    source: 'derived',
    evidence,
  });
  if (profile.packages.length > 0) {
    return derived(
      'self-hosted',
      `The operator runs ${profile.packages
        .map(p => p.identifier)
        .join(', ')} itself`,
    );
  }
  const hosts = [...new Set(profile.remotes.flatMap(r => hostOf(r.url) ?? []))];
  if (hosts.length === 0) return undefined;
  if (hosts.every(isPrivateHost)) {
    return derived(
      'self-hosted',
      `${hosts.join(', ')} is on a private network`,
    );
  }
  // Without a registry name there is no publisher to compare the host with: the trust tier covers it.
  if (publisher.verification === 'none') return undefined;
  for (const host of hosts) {
    const platform = model.hostingPlatforms.find(p => under(host, p));
    if (platform) {
      return derived(
        'third-party-hosted',
        `${host} is on ${platform}, a platform that runs other people's servers`,
      );
    }
  }
  const namespace = publisher.namespace;
  const vendorDomains = [
    ...(publisher.domain ? [publisher.domain] : []),
    ...model.officialServers
      .filter(o => namespace && o.namespaces.includes(namespace))
      .flatMap(o => o.domains),
  ];
  // com.cloudflare.mcp publishes from mcp.cloudflare.com; its hosts may sit anywhere under cloudflare.com.
  const registrable = vendorDomains.map(d => d.split('.').slice(-2).join('.'));
  const foreign = hosts.filter(h => !registrable.some(d => under(h, d)));
  if (foreign.length === 0) {
    return derived(
      'vendor-hosted',
      `${hosts.join(', ')} ${
        hosts.length > 1 ? 'are' : 'is'
      } under the publisher's own domain ${registrable.join(', ')}`,
    );
  }
  return derived(
    'third-party-hosted',
    vendorDomains.length > 0
      ? `${foreign.join(
          ', ',
        )} is not under the publisher's domain ${registrable.join(', ')}`
      : `${foreign.join(
          ', ',
        )} is run by someone the publisher namespace does not identify`,
  );
}

const PRE_RELEASE =
  /-(alpha|beta|rc|pre|preview|dev|snapshot|canary|next)([.\d-]|$)/i;
const SECRET_NAME = /(api[-_]?key|token|secret|password|passwd|credential)/i;

/** What makes this release less fit to run unattended than a stable, pinned one. */
export function releaseSignalsOf(profile: McpServerProfile): ReleaseSignal[] {
  const signals: ReleaseSignal[] = [];
  const versions = [
    ...(profile.version
      ? [{ of: 'the server', version: profile.version }]
      : []),
    ...profile.packages.flatMap(p =>
      p.version ? [{ of: p.identifier, version: p.version }] : [],
    ),
  ];
  const preRelease = versions.filter(v => PRE_RELEASE.test(v.version));
  if (preRelease.length > 0) {
    signals.push({
      id: 'pre-release',
      evidence: `Pre-release version: ${preRelease
        .map(v => `${v.of} ${v.version}`)
        .join(', ')}`,
    });
  }
  if (versions.some(v => /^v?0\.0\.0([-+].*)?$/.test(v.version))) {
    signals.push({
      id: 'template-version',
      evidence: 'Version 0.0.0: an unreleased template or placeholder',
    });
  }
  // `latest` is already an unpinned package; these tags pass for pins but move just the same.
  const floating = profile.packages.filter(
    p =>
      p.pinned &&
      /^(main|master|edge|nightly|stable|dev|mcp|next)$/i.test(p.version ?? ''),
  );
  if (floating.length > 0) {
    signals.push({
      id: 'floating-tag',
      evidence: `Floating tag: ${floating
        .map(p => `${p.identifier} ${p.version}`)
        .join(', ')}`,
    });
  }
  const differing = profile.packages.filter(
    p =>
      profile.version &&
      p.version &&
      p.registryType !== 'mcpb' &&
      p.version.replace(/^v/, '') !== profile.version.replace(/^v/, ''),
  );
  if (differing.length > 0 && floating.length === 0) {
    signals.push({
      id: 'version-differs',
      evidence: `The server is version ${profile.version} but runs ${differing
        .map(p => `${p.identifier} ${p.version}`)
        .join(', ')}`,
    });
  }
  if (
    profile.packages.length === 0 &&
    profile.remotes.length > 0 &&
    profile.remotes.every(r => r.type === 'sse')
  ) {
    signals.push({
      id: 'sse-only',
      evidence: 'Reachable only over the legacy SSE transport',
    });
  }
  const unmarked = profile.packages.flatMap(p =>
    (p.arguments ?? []).filter(
      a =>
        !a.isSecret && SECRET_NAME.test(`${a.name ?? ''} ${a.valueHint ?? ''}`),
    ),
  );
  if (unmarked.length > 0) {
    signals.push({
      id: 'unmarked-secret-argument',
      evidence: `Takes a secret on the command line without marking it secret: ${unmarked
        .map(a => a.name ?? a.valueHint)
        .join(', ')}`,
    });
  }
  const bindsAll = profile.packages.some(
    p =>
      (p.arguments ?? []).some(
        a => a.default === '0.0.0.0' || a.value === '0.0.0.0',
      ) || (p.environmentVariables ?? []).some(e => e.default === '0.0.0.0'),
  );
  if (bindsAll) {
    signals.push({
      id: 'binds-all-interfaces',
      evidence:
        'Its HTTP mode listens on 0.0.0.0 by default, reachable from the whole network',
    });
  }
  if (profile.registryStatus && profile.registryStatus !== 'active') {
    signals.push({
      id: `registry-${lower(profile.registryStatus)}`,
      evidence: `The MCP Registry marks this version ${profile.registryStatus}`,
    });
  }
  return signals;
}

/** The places a server says what it does, each with a name for the evidence. */
function describedIn(profile: McpServerProfile): [string, string][] {
  return [
    ['description', profile.description ?? ''],
    // The namespace names the publisher, not what the server does.
    [
      'name',
      `${profile.registryName?.split('/')[1] ?? profile.name} ${
        profile.title ?? ''
      }`,
    ],
    // The registry host of an image (docker.io, ghcr.io) says nothing about the server.
    ...profile.packages.map((p): [string, string] => [
      'package',
      p.registryType === 'oci'
        ? p.identifier.split('/').slice(1).join('/')
        : // An MCPB package is a download URL: only its file name describes it.
          p.identifier.slice(p.identifier.lastIndexOf('/') + 1),
    ]),
    ...profile.remotes.map((r): [string, string] => ['remote', r.url]),
    ...profile.packages.flatMap(p => [
      ...(p.environmentVariables ?? []).map((e): [string, string] => [
        'environment variable',
        e.name,
      ]),
      ...(p.arguments ?? []).flatMap((a): [string, string][] =>
        a.name || a.valueHint
          ? [['argument', `${a.name ?? ''} ${a.valueHint ?? ''}`]]
          : [],
      ),
    ]),
  ];
}

/** Capabilities read from what the server says about itself, when nobody declared them. */
export function inferCapabilities(
  profile: McpServerProfile,
  rules: ProvenanceModel['capabilityInference'],
): DerivedFact<Capability>[] {
  if (profile.capabilitiesDeclared) return [];
  // Separators become spaces so GITHUB_TOKEN and mcp-server-postgres read as words.
  const places = describedIn(profile).map(
    ([where, text]) => [where, text.replace(/[_./:@-]+/g, ' ')] as const,
  );
  const inferred: DerivedFact<Capability>[] = [];
  for (const rule of rules) {
    if (inferred.some(i => i.value === rule.capability)) continue;
    const regex = new RegExp(rule.pattern, 'iu');
    for (const [where, text] of places) {
      const match = regex.exec(text);
      if (match) {
        inferred.push({
          value: rule.capability,
          source: 'derived',
          evidence: `${where} mentions "${match[0].trim()}"`,
        });
        break;
      }
    }
  }
  return inferred;
}

/** Everything the engine judges about where a server comes from and who runs it. Pure. */
export function judgeProvenance(
  profile: McpServerProfile,
  model: ProvenanceModel,
): Provenance {
  const publisher = publisherOf(profile, model);
  const serverName = profile.registryName?.split('/')[1];
  return {
    publisher,
    hosting: hostingOf(profile, publisher, model),
    lookalikes: lookalikesOf(
      {
        namespace: publisher.namespace,
        serverName,
        packages: profile.packages.map(p => p.identifier),
      },
      model.officialServers,
    ),
    knownMalicious: profile.packages.flatMap(p =>
      model.knownMaliciousPackages
        .filter(
          m =>
            m.registryType === p.registryType &&
            lower(m.identifier) === lower(p.identifier),
        )
        .map(m => ({ identifier: p.identifier, reason: m.reason })),
    ),
    releaseSignals: releaseSignalsOf(profile),
    inferredCapabilities: inferCapabilities(profile, model.capabilityInference),
  };
}

/** The provenance judgement as condition facts, for controls to test. */
export function provenanceFactsOf(
  provenance: Provenance,
): Pick<ConditionFacts, ProvenanceField> {
  return {
    hosting: provenance.hosting?.value ?? 'unknown',
    publisherVerification: provenance.publisher.verification,
    hasPublisherMismatch: provenance.publisher.mismatches.length > 0,
    hasLookalike: provenance.lookalikes.length > 0,
    hasKnownMaliciousPackage: provenance.knownMalicious.length > 0,
    releaseSignals: provenance.releaseSignals.map(r => r.id),
  };
}

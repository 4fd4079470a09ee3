import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  Finding,
  McpServerProfile,
  PackageProfile,
  RemoteProfile,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { ServerJsonSource } from '../reading/ServerJsonReader';
import { parseAnnotations } from './annotations';
import { analyseLaunchCommand } from './launchCommand';
import { parseServerJson, profileFromServerJson } from './serverJson';

interface EntityRemote {
  type?: unknown;
  url?: unknown;
}

function isLoopback(url: URL) {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

function remoteFindings(remotes: RemoteProfile[]): Finding[] {
  return remotes.flatMap((remote): Finding[] => {
    const findings: Finding[] = [];
    let url: URL | undefined;
    try {
      url = new URL(remote.url);
    } catch {
      findings.push({
        id: `remote-invalid-url:${remote.url}`,
        source: 'entity',
        severity: 'medium',
        field: 'spec.remotes',
        message: `"${remote.url}" is not a valid URL for a ${remote.type} remote.`,
      });
    }
    if (url?.protocol === 'http:' && !isLoopback(url)) {
      findings.push({
        id: `remote-plain-http:${remote.url}`,
        source: 'entity',
        severity: 'high',
        field: 'spec.remotes',
        message: `${remote.url} is plain HTTP: tokens and tool results cross the network unencrypted; use HTTPS.`,
      });
    }
    if (remote.type === 'sse') {
      findings.push({
        id: `remote-deprecated-sse:${remote.url}`,
        source: 'entity',
        severity: 'low',
        field: 'spec.remotes',
        message: `${remote.url} uses the deprecated SSE transport; prefer streamable HTTP.`,
      });
    }
    return findings;
  });
}

/** OCI identifiers carry their tag; compare images without it. */
function sameIdentifier(a: PackageProfile, b: PackageProfile) {
  const strip = (p: PackageProfile) =>
    p.registryType === 'oci' ? p.identifier.split(/[:@]/)[0] : p.identifier;
  return a.registryType === b.registryType && strip(a) === strip(b);
}

function ownerOf(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return owner;
  }
}

/**
 * Derives the profile of one MCP server from its entity and the server.json
 * the reader returned. Pure: the same inputs always give the same profile.
 * Precedence: annotations, then the server.json, then the entity itself.
 */
export function deriveProfile(
  entity: Entity,
  source: ServerJsonSource,
): McpServerProfile {
  const declared = parseAnnotations(entity);
  const parsed = parseServerJson(source);
  const fromServerJson = parsed.serverJson
    ? profileFromServerJson(parsed.serverJson, parsed.target)
    : undefined;

  const entityRemotes = (
    Array.isArray(entity.spec?.remotes) ? entity.spec!.remotes : []
  ) as EntityRemote[];
  const networkRemotes: RemoteProfile[] = entityRemotes
    .filter(r => r.type !== 'stdio' && typeof r.url === 'string')
    .map(r => ({
      type: String(r.type),
      url: r.url as string,
      authHeader: false,
    }));

  const launches = entityRemotes.flatMap((remote, index) =>
    remote.type === 'stdio' && typeof remote.url === 'string'
      ? [analyseLaunchCommand(remote.url, `spec.remotes.${index}.url`)]
      : [],
  );
  const launched = launches.flatMap(l => l.packages);
  // The server.json says what is published; the launch command says what this
  // deployment actually runs and how, so its version and runner win.
  const packages: PackageProfile[] =
    fromServerJson && fromServerJson.packages.length > 0
      ? fromServerJson.packages.map(pkg => {
          const run = launched.find(l => sameIdentifier(l, pkg));
          return run
            ? {
                ...pkg,
                version: run.version,
                pinned: run.pinned,
                runtimeHint: run.runtimeHint ?? pkg.runtimeHint,
              }
            : pkg;
        })
      : launched;

  const remotes = [...(fromServerJson?.remotes ?? [])];
  for (const remote of networkRemotes) {
    if (!remotes.some(r => r.url === remote.url)) remotes.push(remote);
  }

  const secretsInArguments = [
    ...new Set([
      ...(fromServerJson?.secretsInArguments ?? []),
      ...launches.flatMap(l => l.secretsInArguments),
    ]),
  ];

  const findingsById = new Map<string, Finding>();
  for (const finding of [
    ...declared.findings,
    ...parsed.findings,
    ...(fromServerJson?.findings ?? []),
    ...launches.flatMap(l => l.findings),
    ...remoteFindings(remotes),
  ]) {
    // The same problem seen in the server.json and the launch command is one finding.
    if (!findingsById.has(finding.id)) findingsById.set(finding.id, finding);
  }

  const registryName =
    declared.facts.registryName ?? fromServerJson?.registryName;
  const sourceLocation =
    entity.metadata.annotations?.['backstage.io/source-location'];
  return {
    name: entity.metadata.name,
    title: entity.metadata.title ?? fromServerJson?.title,
    ...declared.facts,
    registryName,
    description: fromServerJson?.description,
    registryStatus: fromServerJson?.registryStatus,
    publisherNamespace: registryName?.includes('/')
      ? registryName.split('/')[0]
      : undefined,
    repositoryUrl:
      fromServerJson?.repositoryUrl ??
      (sourceLocation?.startsWith('url:')
        ? sourceLocation.slice(4)
        : undefined),
    version: fromServerJson?.version,
    packages,
    remotes,
    secretsInArguments,
    lifecycle:
      typeof entity.spec?.lifecycle === 'string'
        ? entity.spec.lifecycle
        : undefined,
    owner: ownerOf(entity),
    system:
      typeof entity.spec?.system === 'string' ? entity.spec.system : undefined,
    findings: [...findingsById.values()],
  };
}

import { createHash } from 'node:crypto';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  MCP_SECURITY_ANNOTATIONS,
  MCP_SERVER_SPEC_TYPE,
  packageLaunchCommand,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { z } from 'zod';
import { formatPath } from './registryClient';

const OFFICIAL_META = 'io.modelcontextprotocol.registry/official';

/** One entry of a v0.1 server list: only the fields the catalog entity needs. */
const registryEntrySchema = z.object({
  server: z.object({
    name: z.string().min(1),
    title: z.string().optional(),
    description: z.string().optional(),
    version: z.string().min(1),
    websiteUrl: z.string().optional(),
    repository: z
      .object({ url: z.string().optional(), id: z.string().optional() })
      .optional(),
    packages: z
      .array(
        z.object({
          registryType: z.string().optional(),
          identifier: z.string().min(1),
          version: z.string().optional(),
          runtimeHint: z.string().optional(),
        }),
      )
      .optional(),
    remotes: z
      .array(z.object({ type: z.string().min(1), url: z.string().min(1) }))
      .optional(),
  }),
  _meta: z
    .object({
      [OFFICIAL_META]: z
        .object({
          status: z.enum(['active', 'deprecated', 'deleted']),
          statusMessage: z.string().optional(),
          publishedAt: z.string().optional(),
          isLatest: z.boolean().optional(),
        })
        .optional(),
    })
    .optional(),
});

export type RegistryEntry = z.infer<typeof registryEntrySchema>;
export type RegistryStatus = 'active' | 'deprecated' | 'deleted';

export type ParsedEntry =
  | { ok: true; entry: RegistryEntry }
  | { ok: false; reason: string };

/**
 * Validates one list entry. `path` is where it sits in the page (e.g.
 * `servers[3]`), so a warning names the entry and the field at fault.
 */
export function parseRegistryEntry(raw: unknown, path: string): ParsedEntry {
  const parsed = registryEntrySchema.safeParse(raw);
  const name = (raw as { server?: { name?: unknown } } | undefined)?.server
    ?.name;
  const label = typeof name === 'string' ? `${name} (${path})` : path;
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = [path, formatPath(issue.path)].filter(Boolean).join('.');
    return { ok: false, reason: `${label}: ${at}: ${issue.message}` };
  }
  if (remotesOf(parsed.data).length === 0) {
    return {
      ok: false,
      reason: `${label}: ${path}.server: lists neither packages nor remotes, so there is nothing to run or connect to`,
    };
  }
  return { ok: true, entry: parsed.data };
}

export function registryStatus(entry: RegistryEntry): RegistryStatus {
  return entry._meta?.[OFFICIAL_META]?.status ?? 'active';
}

/**
 * Whether `candidate` replaces `current` as the version kept for a name: the
 * registry's `isLatest` flag wins, then the later publication.
 */
export function isNewer(
  candidate: RegistryEntry,
  current: RegistryEntry,
): boolean {
  const a = candidate._meta?.[OFFICIAL_META];
  const b = current._meta?.[OFFICIAL_META];
  if (!!a?.isLatest !== !!b?.isLatest) return !!a?.isLatest;
  return (a?.publishedAt ?? '') > (b?.publishedAt ?? '');
}

/** The registry entity's `spec.remotes`: hosted endpoints, then each package's pinned launch command. */
function remotesOf(entry: RegistryEntry): { type: string; url: string }[] {
  const remotes = (entry.server.remotes ?? []).map(r => ({
    type: r.type,
    url: r.url,
  }));
  const launched = (entry.server.packages ?? []).flatMap(pkg => {
    const url = packageLaunchCommand(pkg);
    return url ? [{ type: 'stdio', url }] : [];
  });
  return [...remotes, ...launched];
}

const MAX_NAME_LENGTH = 63;

/** A catalog-valid entity name for a registry name (`io.github.acme/server` → `io.github.acme-server`). */
export function sanitiseName(registryName: string): string {
  const cleaned = registryName
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/[._-]{2,}/g, m => m[0])
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  if (cleaned && cleaned.length <= MAX_NAME_LENGTH) return cleaned;
  return withSuffix(cleaned || 'mcp-server', registryName);
}

function withSuffix(base: string, registryName: string): string {
  const suffix = createHash('sha256')
    .update(registryName)
    .digest('hex')
    .slice(0, 8);
  const head = base
    .slice(0, MAX_NAME_LENGTH - suffix.length - 1)
    .replace(/[^A-Za-z0-9]+$/, '');
  return `${head}-${suffix}`;
}

/**
 * Entity names for a set of registry names. Names that sanitise to the same
 * value (compared case-insensitively, as the catalog does) all get a suffix
 * derived from their registry name, so each keeps its name whatever order the
 * registry lists them in.
 */
export function assignEntityNames(
  registryNames: Iterable<string>,
): Map<string, string> {
  const byName = new Map<string, string[]>();
  for (const registryName of registryNames) {
    const key = sanitiseName(registryName).toLocaleLowerCase('en-US');
    byName.set(key, [...(byName.get(key) ?? []), registryName]);
  }
  const result = new Map<string, string>();
  for (const group of byName.values()) {
    for (const registryName of group) {
      const name = sanitiseName(registryName);
      result.set(
        registryName,
        group.length > 1 ? withSuffix(name, registryName) : name,
      );
    }
  }
  return result;
}

export interface MappingOptions {
  /** Provider id: the namespace of the entities. */
  providerId: string;
  baseUrl: string;
  owner: string;
}

/** The location the registry's entities are managed by. */
export function registryLocation(baseUrl: string): string {
  return `url:${baseUrl}/v0.1/servers`;
}

/** The registry's URL of one version of a server. */
export function serverVersionUrl(
  baseUrl: string,
  name: string,
  version: string,
): string {
  return `${baseUrl}/v0.1/servers/${encodeURIComponent(
    name,
  )}/versions/${encodeURIComponent(version)}`;
}

/** The catalog entity of one registry entry, under an already assigned entity name. */
export function toEntity(
  entry: RegistryEntry,
  entityName: string,
  options: MappingOptions,
): Entity {
  const { server } = entry;
  const meta = entry._meta?.[OFFICIAL_META];
  const status = registryStatus(entry);
  const location = registryLocation(options.baseUrl);
  const links = [
    ...(server.repository?.url
      ? [{ url: server.repository.url, title: 'Repository' }]
      : []),
    ...(server.websiteUrl
      ? [{ url: server.websiteUrl, title: 'Website' }]
      : []),
  ];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: entityName,
      namespace: options.providerId,
      title: server.title || server.name,
      ...(server.description ? { description: server.description } : {}),
      annotations: {
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
        [MCP_SECURITY_ANNOTATIONS.registryName]: server.name,
        [MCP_SECURITY_ANNOTATIONS.registryUrl]: options.baseUrl,
        [MCP_SECURITY_ANNOTATIONS.registryStatus]: status,
        ...(meta?.statusMessage
          ? {
              [MCP_SECURITY_ANNOTATIONS.registryStatusMessage]:
                meta.statusMessage,
            }
          : {}),
        [MCP_SECURITY_ANNOTATIONS.serverJson]: serverVersionUrl(
          options.baseUrl,
          server.name,
          server.version,
        ),
      },
      ...(links.length ? { links } : {}),
    },
    spec: {
      type: MCP_SERVER_SPEC_TYPE,
      lifecycle: lifecycleOf(status, server.version),
      owner: options.owner,
      remotes: remotesOf(entry),
    },
  };
}

function lifecycleOf(status: RegistryStatus, version: string): string {
  if (status !== 'active') return 'deprecated';
  // A pre-release (semver `-` suffix) is not yet meant for production.
  return /^\d+\.\d+\.\d+-/.test(version) ? 'experimental' : 'production';
}

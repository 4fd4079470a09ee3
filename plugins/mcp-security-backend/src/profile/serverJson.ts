import {
  Finding,
  MCP_SECURITY_ANNOTATIONS,
  PackageProfile,
  RemoteProfile,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { ServerJsonSource } from '../reading/ServerJsonReader';
import {
  ServerJson,
  ServerJsonArgument,
  ServerJsonPackage,
  serverJsonSchema,
} from './serverJsonSchema';
import { jsonLimitProblem } from '../lib/jsonLimits';
import { packageInputsOf } from './packageInputs';
import { hasImageDigest, imageTag, isExactVersion } from './versions';

const FIELD = MCP_SECURITY_ANNOTATIONS.serverJson;

/** Turns what the reader returned into a validated server.json, or findings that say why not. */
export function parseServerJson(source: ServerJsonSource): {
  serverJson?: ServerJson;
  target?: string;
  findings: Finding[];
} {
  if (source.status === 'absent') return { findings: [] };
  if (source.status === 'failed') {
    return {
      target: source.target,
      findings: [
        {
          id: 'server-json-unreadable',
          source: 'server-json',
          severity: 'medium',
          field: FIELD,
          target: source.target,
          message: `server.json could not be read: ${source.reason}.`,
        },
      ],
    };
  }
  let document: unknown;
  try {
    document = JSON.parse(source.text);
  } catch (error) {
    return {
      target: source.target,
      findings: [
        {
          id: 'server-json-invalid-json',
          source: 'server-json',
          severity: 'medium',
          field: FIELD,
          target: source.target,
          message: `server.json is not valid JSON: ${
            (error as Error).message
          }.`,
        },
      ],
    };
  }
  const tooLarge = jsonLimitProblem(document, 'server.json');
  if (tooLarge) {
    return {
      target: source.target,
      findings: [
        {
          id: 'server-json-too-large',
          source: 'server-json',
          severity: 'medium',
          field: FIELD,
          target: source.target,
          message: `server.json is too large to assess: ${tooLarge}.`,
        },
      ],
    };
  }
  const parsed = serverJsonSchema.safeParse(unwrapRegistryResponse(document));
  if (!parsed.success) {
    return {
      target: source.target,
      findings: parsed.error.issues.map(issue => {
        const path = issue.path.join('.') || '(root)';
        return {
          id: `server-json-schema:${path}`,
          source: 'server-json',
          severity: 'medium',
          field: `server.json ${path}`,
          target: source.target,
          message: `server.json does not match the MCP Registry schema at ${path}: ${issue.message}.`,
        } satisfies Finding;
      }),
    };
  }
  return { serverJson: parsed.data, target: source.target, findings: [] };
}

/**
 * A registry's answer for one version (`GET /v0.1/servers/{name}/versions/{v}`)
 * wraps the server.json as `{ server, _meta }`; the registry's metadata joins
 * the server.json's own `_meta`, where its status is read.
 */
function unwrapRegistryResponse(document: unknown): unknown {
  if (!document || typeof document !== 'object') return document;
  const { server, _meta } = document as { server?: unknown; _meta?: unknown };
  if (!server || typeof server !== 'object' || 'name' in document) {
    return document;
  }
  const own = (server as { _meta?: object })._meta;
  return {
    ...server,
    ...(own || _meta
      ? {
          _meta: {
            ...own,
            ...(_meta && typeof _meta === 'object' ? _meta : {}),
          },
        }
      : {}),
  };
}

function isPinned(pkg: ServerJsonPackage): boolean {
  if (pkg.registryType === 'oci') {
    const tag = imageTag(pkg.identifier) ?? pkg.version;
    return (
      hasImageDigest(pkg.identifier) || (tag !== undefined && tag !== 'latest')
    );
  }
  return isExactVersion(pkg.version);
}

/** Names of secret inputs that end up on the command line (runtime or package arguments). */
function secretArguments(args: ServerJsonArgument[] = []): string[] {
  return args.flatMap(arg => {
    const secretVariables = Object.entries(arg.variables ?? {})
      .filter(([, variable]) => variable.isSecret)
      .map(([name]) => name);
    if (arg.isSecret) return [arg.name ?? arg.valueHint ?? 'argument'];
    return secretVariables;
  });
}

const REGISTRY_META = 'io.modelcontextprotocol.registry/official';

/** The registry's status, when the server.json came from a registry answer that carries it. */
function registryStatusOf(serverJson: ServerJson): string | undefined {
  const meta = (serverJson as { _meta?: Record<string, unknown> })._meta?.[
    REGISTRY_META
  ] as { status?: unknown } | undefined;
  return typeof meta?.status === 'string' ? meta.status : undefined;
}

/** What a valid server.json says about packages, remotes, secrets and provenance. */
export function profileFromServerJson(serverJson: ServerJson, target?: string) {
  const findings: Finding[] = [];
  const packages: PackageProfile[] = (serverJson.packages ?? []).map(
    (pkg, index) => {
      const pinned = isPinned(pkg);
      const field = `server.json packages.${index}`;
      if (!pinned) {
        findings.push({
          id: `package-unpinned:${pkg.identifier}`,
          source: 'server-json',
          severity: 'high',
          field: `${field}.version`,
          target,
          message: `${pkg.identifier} has no exact version (${
            pkg.version ?? 'none'
          }); a range or "latest" runs unreviewed code.`,
        });
      } else if (
        pkg.registryType === 'oci' &&
        !hasImageDigest(pkg.identifier)
      ) {
        findings.push({
          id: `image-without-digest:${pkg.identifier}`,
          source: 'server-json',
          severity: 'low',
          field: `${field}.identifier`,
          target,
          message: `${pkg.identifier} is pinned by tag, which its publisher can move; pin the image digest (@sha256:…).`,
        });
      }
      return {
        registryType: pkg.registryType,
        identifier: pkg.identifier,
        version: pkg.version ?? imageTag(pkg.identifier),
        pinned,
        runtimeHint: pkg.runtimeHint,
        transport: pkg.transport.type,
        ...packageInputsOf(pkg),
      };
    },
  );

  const secretsInArguments = (serverJson.packages ?? []).flatMap(
    (pkg, index) => {
      const names = [
        ...secretArguments(pkg.runtimeArguments),
        ...secretArguments(pkg.packageArguments),
      ];
      for (const name of names) {
        findings.push({
          id: `secret-in-arguments:${name}`,
          source: 'server-json',
          severity: 'medium',
          field: `server.json packages.${index}.runtimeArguments`,
          target,
          message: `the secret "${name}" is passed on the command line, where other local processes can read it; prefer an environment variable or a secret file.`,
        });
      }
      return names;
    },
  );

  const remotes: RemoteProfile[] = (serverJson.remotes ?? []).map(remote => ({
    type: remote.type,
    url: remote.url,
    authHeader: (remote.headers ?? []).some(
      header =>
        header.isSecret || /^(authorization|x-api-key)$/i.test(header.name),
    ),
  }));

  return {
    packages,
    remotes,
    secretsInArguments,
    findings,
    registryName: serverJson.name,
    title: serverJson.title,
    description: serverJson.description,
    registryStatus: registryStatusOf(serverJson),
    version: serverJson.version,
    repositoryUrl: serverJson.repository?.url,
  };
}

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, posix } from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  makeValidator,
  NoForeignRootFieldsEntityPolicy,
  parseEntityRef,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { mcpServerApiEntityValidator } from '@backstage/catalog-model/alpha';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  AdviseContext,
  Finding,
  MCP_SECURITY_ANNOTATIONS,
  packageLaunchCommand,
  withImageTag,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { stringify } from 'yaml';
import { McpSecurityBackendClient } from '../McpSecurityBackendClient';
import { shellWord } from '../deployment/launch';
import { adviseContextInput, parseAdviseContext } from './adviseContextInput';
import { examples } from './registerServer.examples';

export const REGISTER_SERVER_ACTION_ID = 'mcp-security:register-server';

type ServerJson = Record<string, unknown>;
type PackageInput = {
  registryType: 'npm' | 'pypi' | 'oci';
  identifier: string;
  version: string;
  arguments?: string[];
};
type RemoteInput = { type: 'streamable-http' | 'sse'; url: string };

/**
 * Findings by which the backend says the input itself is malformed (not
 * merely risky): they would make the new entity show a finding from day one,
 * so registration stops instead. Risky but valid facts (unpinned packages,
 * secrets in arguments) only become recommendations.
 */
const INVALID_INPUT_FINDINGS = [
  'server-json-schema:',
  'server-json-invalid-json',
  'annotation-invalid:',
];

/** The validators the catalog applies to an MCP server API (with the ai-model module). */
const entityPolicies = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

/**
 * `mcp-security:register-server`: writes the catalog entity of a new MCP
 * server and its server.json into the workspace, after the mcp-security
 * backend has validated and assessed them, so a template can publish and
 * register a server that the plugin reads without findings about its input.
 */
export function createRegisterServerAction(options: {
  client: Pick<McpSecurityBackendClient, 'advise'>;
}) {
  return createTemplateAction({
    id: REGISTER_SERVER_ACTION_ID,
    description:
      'Writes catalog-info.yaml (kind API, spec.type mcp-server, with mcp-security.io annotations) and server.json for a new MCP server, validated and assessed by MCP Security',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string({
            description:
              'Entity name (metadata.name): letters, digits, "-", "_" and ".", at most 63 characters',
          }),
        title: z => z.string({ description: 'Display title' }).optional(),
        description: z => z.string({ description: 'What the server does' }),
        owner: z =>
          z.string({
            description: 'Owning group or user, e.g. group:default/data-team',
          }),
        system: z =>
          z.string({ description: 'System the server belongs to' }).optional(),
        lifecycle: z =>
          z
            .string({
              description:
                'Lifecycle, e.g. experimental or production (default experimental)',
            })
            .optional(),
        targetPath: z =>
          z
            .string({
              description:
                'Folder in the workspace to write into (default the workspace root)',
            })
            .optional(),
        serverJson: z =>
          z
            .union([z.record(z.unknown()), z.string()], {
              description:
                'A complete server.json (MCP Registry format), as an object or as JSON text pasted into a form; written as is once valid. Without it, one is built from registryName, version, package or remote',
            })
            .optional(),
        registryName: z =>
          z
            .string({
              description:
                'MCP Registry name for a built server.json, e.g. io.github.acme/orders-mcp',
            })
            .optional(),
        version: z =>
          z
            .string({
              description:
                'Server version for a built server.json (default the package version)',
            })
            .optional(),
        repositoryUrl: z =>
          z
            .string({ description: 'Source repository of the server' })
            .optional(),
        package: z =>
          z
            .object(
              {
                registryType: z.enum(['npm', 'pypi', 'oci']),
                identifier: z.string({
                  description:
                    'Package name or image, e.g. @acme/orders-mcp or ghcr.io/acme/orders-mcp',
                }),
                version: z.string({
                  description: 'Exact version (or image tag) to run',
                }),
                arguments: z
                  .array(z.string(), {
                    description:
                      'Arguments appended to the launch command, e.g. an allowed directory',
                  })
                  .optional(),
              },
              { description: 'The package a stdio server is launched from' },
            )
            .optional(),
        remote: z =>
          z
            .object(
              {
                type: z.enum(['streamable-http', 'sse']),
                url: z.string({ description: 'https URL of the endpoint' }),
              },
              { description: 'The endpoint of a hosted (remote) server' },
            )
            .optional(),
        context: z =>
          adviseContextInput(
            z,
            'The facts MCP Security reads from mcp-security.io annotations; an undeclared one is assessed as unknown',
          ).optional(),
      },
      output: {
        entityRef: z =>
          z.string({ description: 'Ref of the entity written, api:default/…' }),
        catalogInfoPath: z =>
          z.string({
            description:
              'Path of catalog-info.yaml in the workspace, for catalog:register',
          }),
        riskLevel: z =>
          z.string({
            description: 'Risk level MCP Security assessed (low … critical)',
          }),
        trustTier: z =>
          z.string({ description: 'Trust tier (trusted, community, unknown)' }),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      if (!makeValidator().isValidEntityName(input.name)) {
        throw new InputError(
          `name: "${input.name}" is not a valid entity name: use letters, digits, "-", "_" and ".", start and end with a letter or digit, at most 63 characters`,
        );
      }
      const targetPath = input.targetPath ?? '.';
      try {
        resolveSafeChildPath(ctx.workspacePath, targetPath);
      } catch (error) {
        throw new InputError(`targetPath: ${(error as Error).message}`);
      }
      const context = parseAdviseContext(input.context);
      const serverJson = isServerJsonGiven(input)
        ? parseServerJson(input.serverJson)
        : buildServerJson(input);
      const entity = catalogEntity(input, serverJson, context);
      await checkEntity(entity);

      const assessment = await options.client.advise(
        { serverJson, context },
        await ctx.getInitiatorCredentials(),
      );
      const invalid = assessment.findings.filter(isInvalidInput);
      if (invalid.length > 0) {
        throw new InputError(
          `The server description is not valid: ${invalid
            .map(describeFinding)
            .join('; ')}`,
        );
      }

      const catalogInfoPath = posix.join(targetPath, 'catalog-info.yaml');
      await writeWorkspaceFile(ctx.workspacePath, catalogInfoPath, [
        '# Written by the "mcp-security:register-server" scaffolder action.\n',
        stringify(entity),
      ]);
      await writeWorkspaceFile(
        ctx.workspacePath,
        posix.join(targetPath, 'server.json'),
        [`${JSON.stringify(serverJson, null, 2)}\n`],
      );
      ctx.logger.info(
        `Wrote ${catalogInfoPath} and server.json: risk ${assessment.risk.level}, trust ${assessment.trust.tier}`,
      );

      ctx.output('entityRef', stringifyEntityRef(entity));
      ctx.output('catalogInfoPath', catalogInfoPath);
      ctx.output('riskLevel', assessment.risk.level);
      ctx.output('trustTier', assessment.trust.tier);
    },
  });
}

/** Form fields give text; anything but a JSON object is refused here, naming the field. */
function parseServerJson(value: ServerJson | string): ServerJson {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw new InputError(
        `serverJson: not valid JSON: ${(error as Error).message}`,
      );
    }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError('serverJson: must be a JSON object');
  }
  return parsed as ServerJson;
}

/** A minimal server.json (schema 2025-12-11) from the package or remote fields. */
function buildServerJson(input: {
  name: string;
  description: string;
  title?: string;
  registryName?: string;
  version?: string;
  repositoryUrl?: string;
  package?: PackageInput;
  remote?: RemoteInput;
}): ServerJson {
  if (!input.package && !input.remote) {
    throw new InputError(
      'serverJson: give a server.json, or a package or a remote to build one from',
    );
  }
  if (!input.registryName) {
    throw new InputError(
      'registryName: required to build a server.json, e.g. io.github.acme/orders-mcp',
    );
  }
  const version = input.version ?? input.package?.version;
  if (!version) {
    throw new InputError('version: required for a remote server');
  }
  return {
    $schema:
      'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json',
    name: input.registryName,
    ...(input.title ? { title: input.title } : {}),
    description: input.description,
    version,
    ...(input.repositoryUrl
      ? { repository: { url: input.repositoryUrl, source: 'github' } }
      : {}),
    ...(input.package ? { packages: [serverJsonPackage(input.package)] } : {}),
    ...(input.remote
      ? { remotes: [{ type: input.remote.type, url: input.remote.url }] }
      : {}),
  };
}

/** Whether the template gives a server.json, which wins over package and remote. */
function isServerJsonGiven<T extends { serverJson?: unknown }>(
  input: T,
): input is T & { serverJson: NonNullable<T['serverJson']> } {
  return input.serverJson !== undefined && input.serverJson !== '';
}

function serverJsonPackage(pkg: PackageInput) {
  // The launch arguments, in order, as fixed positional arguments: how the
  // profile, and so a rendered deployment, learns to pass them to the server.
  const packageArguments = pkg.arguments?.length
    ? {
        packageArguments: pkg.arguments.map(value => ({
          type: 'positional',
          value,
        })),
      }
    : {};
  // OCI packages carry their tag in the identifier (schema 2025-12-11).
  if (pkg.registryType === 'oci') {
    return {
      registryType: 'oci',
      identifier: withImageTag(pkg.identifier, pkg.version),
      runtimeHint: 'docker',
      transport: { type: 'stdio' },
      ...packageArguments,
    };
  }
  return {
    registryType: pkg.registryType,
    identifier: pkg.identifier,
    version: pkg.version,
    runtimeHint: pkg.registryType === 'npm' ? 'npx' : 'uvx',
    transport: { type: 'stdio' },
    ...packageArguments,
  };
}

/**
 * The entity's `spec.remotes`, which upstream's MCP server schema requires:
 * a hosted server's endpoints, and for a package the command that launches
 * it as a `stdio` remote, pinned to the declared version, which is what the
 * backend analyses to decide whether a deployment is pinned.
 */
function entityRemotes(
  serverJson: ServerJson,
  args: string[] = [],
): { type: string; url: string }[] {
  const remotes = asArray(serverJson.remotes).flatMap(remote =>
    typeof remote.type === 'string' && typeof remote.url === 'string'
      ? [{ type: remote.type, url: remote.url }]
      : [],
  );
  const launched = asArray(serverJson.packages).flatMap(pkg => {
    const command = packageLaunchCommand(pkg);
    // Quoted for a POSIX shell, so that each argument stays one word.
    return command
      ? [
          {
            type: 'stdio',
            url: [command, ...args.map(literal => shellWord({ literal }))].join(
              ' ',
            ),
          },
        ]
      : [];
  });
  const all = [...remotes, ...launched];
  if (all.length === 0) {
    throw new InputError(
      'serverJson: lists neither packages nor remotes, so there is nothing to run or connect to',
    );
  }
  return all;
}

function asArray(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter(
        (item): item is Record<string, unknown> =>
          !!item && typeof item === 'object',
      )
    : [];
}

function catalogEntity(
  input: {
    name: string;
    title?: string;
    description: string;
    owner: string;
    system?: string;
    lifecycle?: string;
    package?: PackageInput;
    serverJson?: unknown;
  },
  serverJson: ServerJson,
  context: AdviseContext,
): Entity {
  const a = MCP_SECURITY_ANNOTATIONS;
  const declared: [string, string | undefined][] = [
    [a.serverJson, './server.json'],
    [
      a.registryName,
      typeof serverJson.name === 'string' ? serverJson.name : undefined,
    ],
    [a.deploymentContext, context.deploymentContext],
    [a.exposure, context.exposure],
    [a.dataClassification, context.dataClassification],
    [a.capabilities, context.capabilities?.join(',') || undefined],
    [a.isolation, context.isolation],
    [a.auth, context.auth],
    [a.egressAllowlist, context.egressAllowlist?.join(',') || undefined],
  ];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: input.name,
      ...(input.title ? { title: input.title } : {}),
      description: input.description,
      annotations: Object.fromEntries(
        declared.filter((entry): entry is [string, string] => !!entry[1]),
      ),
    },
    spec: {
      type: 'mcp-server',
      lifecycle: input.lifecycle || 'experimental',
      owner: checkRef('owner', input.owner, 'group'),
      ...(input.system
        ? { system: checkRef('system', input.system, 'system') }
        : {}),
      // Only a server.json built from the package has its arguments: one
      // given as is declares its own.
      remotes: entityRemotes(
        serverJson,
        isServerJsonGiven(input) ? undefined : input.package?.arguments,
      ),
    },
  };
}

function checkRef(field: string, ref: string, defaultKind: string): string {
  try {
    parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' });
  } catch (error) {
    throw new InputError(`${field}: ${(error as Error).message}`);
  }
  return ref;
}

/** Runs the catalog's own checks, so what the template publishes is accepted on registration. */
async function checkEntity(entity: Entity) {
  try {
    await entityPolicies.enforce(entity);
    await mcpServerApiEntityValidator.check(entity);
  } catch (error) {
    throw new InputError(
      `The catalog would reject the entity: ${(error as Error).message}`,
    );
  }
}

function isInvalidInput(finding: Finding): boolean {
  return INVALID_INPUT_FINDINGS.some(prefix => finding.id.startsWith(prefix));
}

/** Names the input field behind a finding: server.json paths, or the context fact for an annotation. */
function describeFinding(finding: Finding): string {
  if (finding.field === MCP_SECURITY_ANNOTATIONS.serverJson) {
    return `serverJson: ${finding.message}`;
  }
  if (finding.field.startsWith('server.json ')) {
    return `serverJson.${finding.field.slice('server.json '.length)}: ${
      finding.message
    }`;
  }
  const fact = Object.entries(MCP_SECURITY_ANNOTATIONS).find(
    ([, key]) => key === finding.field,
  )?.[0];
  return `${fact ? `context.${fact}` : finding.field}: ${finding.message}`;
}

async function writeWorkspaceFile(
  workspacePath: string,
  path: string,
  parts: string[],
) {
  const target = resolveSafeChildPath(workspacePath, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, parts.join(''), 'utf8');
}

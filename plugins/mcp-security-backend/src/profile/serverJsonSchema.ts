import { z } from 'zod';

/**
 * The parts of the MCP Registry server.json (schema 2025-12-11) the profile
 * uses. Unknown fields pass through: the registry schema grows, and a newer
 * file must not become a finding for fields we do not read.
 */
const inputSchema = z.looseObject({
  description: z.string().optional(),
  isRequired: z.boolean().optional(),
  isSecret: z.boolean().optional(),
  format: z.string().optional(),
  value: z.string().optional(),
  default: z.string().optional(),
});

const argumentSchema = inputSchema.extend({
  type: z.enum(['positional', 'named']),
  name: z.string().optional(),
  valueHint: z.string().optional(),
  isRepeated: z.boolean().optional(),
  variables: z.record(z.string(), inputSchema).optional(),
});

const keyValueSchema = inputSchema.extend({
  name: z.string().min(1),
  variables: z.record(z.string(), inputSchema).optional(),
});

const transportSchema = z.looseObject({
  type: z.enum(['stdio', 'streamable-http', 'sse']),
  url: z.string().optional(),
  headers: z.array(keyValueSchema).optional(),
});

const packageSchema = z.looseObject({
  registryType: z.string().min(1),
  identifier: z.string().min(1),
  version: z.string().min(1).optional(),
  runtimeHint: z.string().optional(),
  transport: transportSchema,
  runtimeArguments: z.array(argumentSchema).optional(),
  packageArguments: z.array(argumentSchema).optional(),
  environmentVariables: z.array(keyValueSchema).optional(),
});

const remoteSchema = z.looseObject({
  type: z.enum(['streamable-http', 'sse']),
  url: z.string().min(1),
  headers: z.array(keyValueSchema).optional(),
});

export const serverJsonSchema = z.looseObject({
  name: z
    .string()
    .regex(
      /^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/,
      'must be a reverse-DNS namespace and a name, like io.github.owner/server',
    ),
  title: z.string().optional(),
  description: z.string(),
  version: z.string().min(1),
  // The registry serves `"repository": {}` for servers that declare none.
  repository: z
    .looseObject({ url: z.string().optional(), source: z.string().optional() })
    .optional(),
  packages: z.array(packageSchema).optional(),
  remotes: z.array(remoteSchema).optional(),
});

export type ServerJson = z.infer<typeof serverJsonSchema>;
export type ServerJsonPackage = z.infer<typeof packageSchema>;
export type ServerJsonArgument = z.infer<typeof argumentSchema>;
export type ServerJsonKeyValue = z.infer<typeof keyValueSchema>;

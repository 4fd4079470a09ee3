import {
  EnvironmentVariableProfile,
  PackageArgumentProfile,
} from '@mcp-server-operator/plugin-mcp-security-common';
import {
  ServerJsonArgument,
  ServerJsonKeyValue,
  ServerJsonPackage,
} from './serverJsonSchema';

type Variables = ServerJsonArgument['variables'];

const REFERENCE = /\{([^{}]+)\}/g;

/**
 * A server.json value such as `TFE_ADDRESS={address}` with its `{variable}`
 * references filled in from their value or default. The value is undefined
 * when a referenced variable is secret (its value is never kept) or has none.
 */
function resolveTemplate(
  template: string,
  variables: Variables = {},
): { value?: string; isSecret: boolean; isRequired: boolean } {
  const referenced = [...template.matchAll(REFERENCE)].map(m => m[1]);
  const inputs = referenced.map(name => variables[name]);
  const isSecret = inputs.some(input => input?.isSecret === true);
  const isRequired = inputs.some(input => input?.isRequired === true);
  const known = inputs.every(
    input => (input?.value ?? input?.default) !== undefined,
  );
  if (isSecret || !known) return { isSecret, isRequired };
  return {
    value: template.replace(REFERENCE, (_, name: string) => {
      const input = variables[name]!;
      return (input.value ?? input.default)!;
    }),
    isSecret,
    isRequired,
  };
}

/**
 * A declared input's value and default with their variables filled in, and
 * whether it is secret or required: a secret's value and default are dropped.
 */
function resolveInput(input: {
  value?: string;
  default?: string;
  isSecret?: boolean;
  isRequired?: boolean;
  variables?: Variables;
}) {
  const resolve = (text?: string) =>
    text !== undefined ? resolveTemplate(text, input.variables) : undefined;
  const value = resolve(input.value);
  const fallback = resolve(input.default);
  const isSecret =
    input.isSecret === true || !!value?.isSecret || !!fallback?.isSecret;
  return {
    isSecret,
    isRequired: input.isRequired === true || !!value?.isRequired,
    value: isSecret ? undefined : value?.value,
    default: isSecret ? undefined : fallback?.value,
  };
}

function argumentOf(arg: ServerJsonArgument): PackageArgumentProfile {
  const resolved = resolveInput(arg);
  return {
    type: arg.type,
    ...(arg.name !== undefined ? { name: arg.name } : {}),
    ...(resolved.value !== undefined ? { value: resolved.value } : {}),
    ...(resolved.default !== undefined ? { default: resolved.default } : {}),
    ...(arg.valueHint !== undefined ? { valueHint: arg.valueHint } : {}),
    ...(arg.format !== undefined ? { format: arg.format } : {}),
    // Required when the server.json says so, or when its value needs a
    // variable that must be set, as for an environment variable: an optional
    // argument without a value is left out of the launch, and a server that
    // needs it would not start.
    isRequired: resolved.isRequired,
    isRepeated: arg.isRepeated === true,
    isSecret: resolved.isSecret,
  };
}

function environmentVariableOf(
  input: ServerJsonKeyValue,
): EnvironmentVariableProfile {
  const resolved = resolveInput(input);
  const given = resolved.value ?? resolved.default;
  return {
    name: input.name,
    isSecret: resolved.isSecret,
    isRequired: resolved.isRequired,
    ...(given !== undefined ? { default: given } : {}),
    ...(input.description !== undefined
      ? { description: input.description }
      : {}),
  };
}

/** `-e NAME=value` or `-e NAME` among an image's runtime arguments, as an environment variable. */
function dockerEnvironment(
  arg: ServerJsonArgument,
): ServerJsonKeyValue | undefined {
  if (arg.type !== 'named' || (arg.name !== '-e' && arg.name !== '--env')) {
    return undefined;
  }
  const text = arg.value ?? arg.default;
  const match = text
    ? /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/s.exec(text)
    : null;
  if (!match) return undefined;
  return {
    name: match[1],
    ...(match[2] !== undefined ? { value: match[2] } : {}),
    variables: arg.variables,
    isSecret: arg.isSecret,
    isRequired: arg.isRequired,
    description: arg.description,
  };
}

/**
 * What a deployment must pass to the package: its arguments in order and the
 * environment it reads, from `environmentVariables` and, for an OCI image,
 * the `-e` runtime arguments that set them. Secret values are never copied.
 * Each is absent when the server.json declares none.
 */
export function packageInputsOf(pkg: ServerJsonPackage): {
  arguments?: PackageArgumentProfile[];
  environmentVariables?: EnvironmentVariableProfile[];
} {
  const args = (pkg.packageArguments ?? []).map(argumentOf);
  const declared = [
    ...(pkg.environmentVariables ?? []),
    ...(pkg.registryType === 'oci'
      ? (pkg.runtimeArguments ?? []).flatMap(arg => {
          const env = dockerEnvironment(arg);
          return env ? [env] : [];
        })
      : []),
  ];
  const environment: EnvironmentVariableProfile[] = [];
  for (const input of declared) {
    // A name declared twice is a slip in the server.json: the first declaration is kept.
    if (!environment.some(e => e.name === input.name)) {
      environment.push(environmentVariableOf(input));
    }
  }
  return {
    ...(args.length > 0 ? { arguments: args } : {}),
    ...(environment.length > 0 ? { environmentVariables: environment } : {}),
  };
}

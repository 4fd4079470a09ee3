import { InputError } from '@backstage/errors';
import {
  Capability,
  EnvironmentVariableProfile,
  PackageArgumentProfile,
  PackageProfile,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { LINE_BREAKING } from './text';

/** Where folders and files that the server's arguments name are mounted in its container. */
export const MOUNT_ROOT = '/data';

/**
 * A setting the operator provides when the server starts: an environment
 * variable the server reads, or the value of one of its arguments. Its value
 * is never rendered into a file: compose interpolates it, Kubernetes reads
 * it from the server's Secret, unless a non-secret default is given.
 */
export interface LaunchSetting {
  /** The environment variable that carries it, e.g. `STRIPE_SECRET_KEY` or `MCP_ARG_PROJECT`. */
  name: string;
  isSecret: boolean;
  isRequired: boolean;
  default?: string;
  description?: string;
  /** For an argument's value: the argument, e.g. `--project`. */
  argument?: string;
}

/** A folder or file an argument names: mounted at a fixed path, which is what the server is given. */
export interface LaunchMount {
  /** The argument's hint or flag, e.g. `allowed_directory`. */
  argument: string;
  /** A DNS-1123 label for the Kubernetes volume, e.g. `allowed-directory`; unique in the pod. */
  volume: string;
  /** Unique among the server's mounts. */
  containerPath: string;
  /** The variable compose reads the host path from, e.g. `MCP_MOUNT_ALLOWED_DIRECTORY`; always required. */
  hostVariable: string;
  /**
   * A host path the server.json gives for it: only a suggestion in the
   * RUNBOOK, never a default, since a publisher could suggest `/` or the
   * Docker socket.
   */
  hostSuggestion?: string;
  readOnly: boolean;
  /** The argument may be given more than once: more folders are mounted the same way. */
  isRepeated: boolean;
}

/** One word of the server's command line: fixed, or the value of a setting. */
export type LaunchWord =
  | { literal: string }
  | { setting: string /* the LaunchSetting's name */ };

/** How the server is started: its arguments, the folders they name and the settings it needs. */
export interface ServerLaunch {
  args: LaunchWord[];
  mounts: LaunchMount[];
  /** The environment variables the server reads, then those that carry argument values. */
  settings: LaunchSetting[];
  /** Optional arguments without a value, left out; the runbook lists them. */
  optionalArguments: string[];
  /**
   * The positional arguments after an optional positional that was left
   * out (`after`): not passed either, since each would take the place of
   * the one before it. The runbook lists them.
   */
  positionalGap?: { after: string; notPassed: string[] };
}

export const NO_LAUNCH: ServerLaunch = {
  args: [],
  mounts: [],
  settings: [],
  optionalArguments: [],
};

/** A name compose interpolates, the shell expands and Kubernetes accepts. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Variables a server.json may not set, each with why: they would send the
 * server past the egress proxy, or change what code the runtime loads or
 * which certificates it trusts.
 */
const RESERVED_VARIABLES: [RegExp, string][] = [
  [
    /^(https?|no|all|ftp)_proxy$/i,
    'the rendering sets it to send traffic through the egress proxy',
  ],
  [/^NODE_USE_ENV_PROXY$/, 'the rendering sets it to use the egress proxy'],
  [/^PATH$/, 'it changes which programs run'],
  [
    /^(NODE_OPTIONS|NODE_PATH|LD_.*|PYTHON(PATH|HOME|STARTUP|USERBASE|PLATLIBDIR|EXECUTABLE|WARNINGS|BREAKPOINT|INSPECT))$/,
    'it changes what code the runtime loads',
  ],
  [
    /^(NODE_EXTRA_CA_CERTS|NODE_TLS_REJECT_UNAUTHORIZED|SSL_CERT_(FILE|DIR))$/,
    'it changes which certificates are trusted',
  ],
];

function upperSnake(text: string): string {
  return text
    .replace(/^-+/, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

function label(arg: PackageArgumentProfile, index: number): string {
  return arg.name ?? arg.valueHint ?? `argument ${index + 1}`;
}

/** Volume names of the server's pod that an argument's mount may not take. */
const POD_VOLUMES = ['tmp', 'data'];

/**
 * A mount for a `filepath` argument, named after its hint, with names no
 * other mount, setting or pod volume has (`taken`, which it extends).
 */
function mountOf(
  arg: PackageArgumentProfile,
  index: number,
  capabilities: Capability[],
  taken: Set<string>,
): LaunchMount {
  const hint = upperSnake(arg.valueHint ?? arg.name ?? '').slice(0, 40);
  let base = hint.replace(/_+$/, '') || `ARG_${index}`;
  const names = (b: string) => {
    const slug = b.toLowerCase();
    return {
      volume: slug.replace(/_/g, '-'),
      containerPath: `${MOUNT_ROOT}/${slug}`,
      hostVariable: `MCP_MOUNT_${b}`,
    };
  };
  const clash = (b: string) =>
    Object.values(names(b)).some(name => taken.has(name)) ||
    POD_VOLUMES.includes(names(b).volume);
  while (clash(base)) base = `${base}_${index}`;
  const chosen = names(base);
  Object.values(chosen).forEach(name => taken.add(name));
  const suggestion = arg.value ?? arg.default;
  return {
    argument: label(arg, index),
    ...chosen,
    ...(suggestion !== undefined ? { hostSuggestion: suggestion } : {}),
    readOnly: !capabilities.includes('filesystem-write'),
    isRepeated: arg.isRepeated,
  };
}

/** Throws an InputError naming the field when a server.json text could leave its line. */
function checkOneLine(field: string, value: string | undefined): void {
  if (value !== undefined && LINE_BREAKING.test(value)) {
    throw new InputError(
      `${field}: ${JSON.stringify(
        value,
      )} has a line break or control character, which no argument or setting may carry`,
    );
  }
}

/**
 * The environment variables of the server.json, checked: a name compose,
 * the shell and Kubernetes all read the same way, not one the rendering
 * sets or one that changes what the runtime loads, not declared twice, and
 * a default compose can interpolate. Throws an InputError naming the variable.
 */
function checkedEnvironment(
  variables: EnvironmentVariableProfile[],
  field: string,
): LaunchSetting[] {
  const seen = new Set<string>();
  return variables.map(env => {
    const where = `${field}.environmentVariables: ${JSON.stringify(env.name)}`;
    if (!VARIABLE_NAME.test(env.name)) {
      throw new InputError(
        `${where} is not a variable name (a letter or _, then letters, digits or _)`,
      );
    }
    const reserved = RESERVED_VARIABLES.find(([name]) => name.test(env.name));
    if (reserved) {
      throw new InputError(
        `${where} may not be set by a server.json: ${reserved[1]}`,
      );
    }
    if (seen.has(env.name)) throw new InputError(`${where} is declared twice`);
    seen.add(env.name);
    checkOneLine(`${where} default`, env.default);
    if (!env.isSecret && env.default?.includes('}')) {
      throw new InputError(
        `${where} default ${JSON.stringify(
          env.default,
        )} has a '}', which would end compose's \${${env.name}:-…} early`,
      );
    }
    return { ...env };
  });
}

/**
 * Derives how the package is started from the arguments and environment its
 * server.json declares. Fixed values and defaults are passed as given; a
 * `filepath` argument becomes a mount at a fixed path under /data, read-only
 * unless the server may write files; a secret or a required argument
 * without a value becomes a setting the operator must provide; an optional
 * one without a value is left out, and so is every positional argument
 * after a positional left out, so none takes another's place. Pure; throws
 * an InputError naming the field (`field`, e.g. `serverJson.packages[0]`)
 * for a text that could leave its line or a variable compose, the shell or
 * the proxy would misread.
 */
export function launchOf(
  pkg: PackageProfile | undefined,
  capabilities: Capability[],
  field = 'serverJson.packages[0]',
): ServerLaunch {
  if (!pkg) return NO_LAUNCH;
  const launch: ServerLaunch = {
    args: [],
    mounts: [],
    settings: checkedEnvironment(pkg.environmentVariables ?? [], field),
    optionalArguments: [],
  };
  const taken = new Set(launch.settings.map(s => s.name));
  (pkg.arguments ?? []).forEach((arg, index) => {
    const where = `${field}.packageArguments[${index}]`;
    checkOneLine(`${where}.name`, arg.name);
    checkOneLine(`${where}.valueHint`, arg.valueHint);
    checkOneLine(`${where}.value`, arg.value);
    checkOneLine(`${where}.default`, arg.default);
    const positional = arg.type !== 'named';
    if (positional && launch.positionalGap) {
      launch.positionalGap.notPassed.push(label(arg, index));
      return;
    }
    const flag =
      arg.type === 'named' && arg.name ? [{ literal: arg.name }] : [];
    const given = arg.isSecret ? undefined : arg.value ?? arg.default;
    if (arg.format === 'filepath' && !arg.isSecret) {
      const mount = mountOf(arg, index, capabilities, taken);
      launch.mounts.push(mount);
      launch.args.push(...flag, { literal: mount.containerPath });
      return;
    }
    if (given !== undefined) {
      if (arg.format === 'boolean' && arg.type === 'named') {
        // A flag: present when true, absent when false.
        if (given === 'true') launch.args.push(...flag);
        return;
      }
      launch.args.push(...flag, { literal: given });
      return;
    }
    if (!arg.isRequired) {
      launch.optionalArguments.push(label(arg, index));
      if (positional) {
        launch.positionalGap = { after: label(arg, index), notPassed: [] };
      }
      return;
    }
    let name = `MCP_ARG_${upperSnake(label(arg, index)) || index}`;
    while (taken.has(name)) name = `${name}_${index}`;
    taken.add(name);
    launch.settings.push({
      name,
      isSecret: arg.isSecret,
      isRequired: true,
      argument: label(arg, index),
    });
    launch.args.push(...flag, { setting: name });
  });
  return launch;
}

/** Whether a setting has a value that may be written into a file: a non-secret default. */
export function hasWrittenDefault(
  setting: LaunchSetting,
): setting is LaunchSetting & { default: string } {
  return setting.default !== undefined && !setting.isSecret;
}

/** A word for /bin/sh in single quotes, whatever it holds. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Quotes a word for /bin/sh where it needs it; a setting expands from the environment. */
export function shellWord(word: LaunchWord): string {
  if ('setting' in word) return `"$${word.setting}"`;
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word.literal)
    ? word.literal
    : shellQuote(word.literal);
}

import {
  Capability,
  EnvironmentVariableProfile,
  PackageArgumentProfile,
  PackageProfile,
} from '@mcp-server-operator/plugin-mcp-security-common';

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
  /** A DNS-1123 label for the Kubernetes volume, e.g. `allowed-directory`. */
  volume: string;
  containerPath: string;
  /** The variable compose reads the host path from, e.g. `MCP_MOUNT_ALLOWED_DIRECTORY`. */
  hostVariable: string;
  /** A host path the server.json gives for it. */
  hostDefault?: string;
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
}

export const NO_LAUNCH: ServerLaunch = {
  args: [],
  mounts: [],
  settings: [],
  optionalArguments: [],
};

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

function mountOf(
  arg: PackageArgumentProfile,
  index: number,
  capabilities: Capability[],
): LaunchMount {
  const base = upperSnake(arg.valueHint ?? arg.name ?? '') || `ARG_${index}`;
  const slug = base.toLowerCase();
  const volume = slug.replace(/_/g, '-').slice(0, 50).replace(/-+$/, '');
  return {
    argument: label(arg, index),
    // Not the name of the pod's own tmp or data volume.
    volume: ['tmp', 'data'].includes(volume) ? `${volume}-arg` : volume,
    containerPath: `${MOUNT_ROOT}/${slug}`,
    hostVariable: `MCP_MOUNT_${base}`,
    ...((arg.value ?? arg.default) !== undefined
      ? { hostDefault: arg.value ?? arg.default }
      : {}),
    readOnly: !capabilities.includes('filesystem-write'),
    isRepeated: arg.isRepeated,
  };
}

/**
 * Derives how the package is started from the arguments and environment its
 * server.json declares. Fixed values and defaults are passed as given; a
 * `filepath` argument becomes a mount at a fixed path under /data, read-only
 * unless the server may write files; a secret or a required argument
 * without a value becomes a setting the operator must provide; an optional
 * one without a value is left out. Pure.
 */
export function launchOf(
  pkg: PackageProfile | undefined,
  capabilities: Capability[],
): ServerLaunch {
  if (!pkg) return NO_LAUNCH;
  const launch: ServerLaunch = {
    args: [],
    mounts: [],
    settings: (pkg.environmentVariables ?? []).map(
      (env: EnvironmentVariableProfile) => ({ ...env }),
    ),
    optionalArguments: [],
  };
  const taken = new Set(launch.settings.map(s => s.name));
  (pkg.arguments ?? []).forEach((arg, index) => {
    const flag =
      arg.type === 'named' && arg.name ? [{ literal: arg.name }] : [];
    const given = arg.isSecret ? undefined : arg.value ?? arg.default;
    if (arg.format === 'filepath' && !arg.isSecret) {
      const mount = mountOf(arg, index, capabilities);
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

/** Quotes a word for /bin/sh where it needs it; a setting expands from the environment. */
export function shellWord(word: LaunchWord): string {
  if ('setting' in word) return `"$${word.setting}"`;
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word.literal)
    ? word.literal
    : `'${word.literal.replace(/'/g, `'\\''`)}'`;
}

import {
  Finding,
  PackageProfile,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { hasImageDigest, imageTag, isExactVersion } from './versions';

/** Splits a command line into arguments the way a POSIX shell would for plain quoting. It runs nothing. */
export function splitCommandLine(command: string): string[] {
  const args: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let started = false;
  for (const char of command) {
    if (quote) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
}

const SECRET_NAME =
  /(token|secret|passw(or)?d|api[-_]?key|access[-_]?key|private[-_]?key|credential|\bpat\b)/i;
const VARIABLE_REFERENCE = /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/;

/** Options of `docker run` that consume the next argument. */
const DOCKER_VALUE_OPTIONS = new Set([
  '-e',
  '--env',
  '-v',
  '--volume',
  '-p',
  '--publish',
  '--name',
  '--network',
  '--mount',
  '-u',
  '--user',
  '-w',
  '--workdir',
  '--entrypoint',
  '--env-file',
  '--memory',
  '-m',
  '--cpus',
  '--cap-add',
  '--cap-drop',
  '--security-opt',
  '--label',
  '-l',
  '--platform',
  '--pull',
  '--add-host',
  '--tmpfs',
  '--ulimit',
]);

function npmPackage(spec: string, runtimeHint: string): PackageProfile {
  // The version separator is the last '@' that is not the scope's leading one.
  const at = spec.lastIndexOf('@');
  const identifier = at > 0 ? spec.slice(0, at) : spec;
  const version = at > 0 ? spec.slice(at + 1) : undefined;
  return {
    registryType: 'npm',
    identifier,
    version,
    pinned: isExactVersion(version),
    runtimeHint,
    transport: 'stdio',
  };
}

function pypiPackage(spec: string, runtimeHint: string): PackageProfile {
  const match = /^([A-Za-z0-9._[\]-]+?)(?:(==|@)(.+))?$/.exec(spec);
  const identifier = match?.[1] ?? spec;
  const version = match?.[3];
  return {
    registryType: 'pypi',
    identifier,
    version,
    pinned: isExactVersion(version),
    runtimeHint,
    transport: 'stdio',
  };
}

function ociPackage(image: string): PackageProfile {
  const tag = imageTag(image);
  return {
    registryType: 'oci',
    identifier: image,
    version: tag,
    pinned: hasImageDigest(image) || (tag !== undefined && tag !== 'latest'),
    runtimeHint: 'docker',
    transport: 'stdio',
  };
}

function firstOperand(args: string[], valueOptions = new Set<string>()) {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-')) return { index: i, value: arg };
    if (valueOptions.has(arg)) i++;
  }
  return undefined;
}

/** Secret values written literally on the command line, where any local process can read them. */
function literalSecrets(args: string[]): string[] {
  const names: string[] = [];
  args.forEach((arg, i) => {
    const option = /^--?([A-Za-z0-9_-]+)=(.+)$/.exec(arg);
    if (
      option &&
      SECRET_NAME.test(option[1]) &&
      !VARIABLE_REFERENCE.test(option[2])
    ) {
      names.push(option[1]);
      return;
    }
    const env = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(arg);
    if (env && SECRET_NAME.test(env[1]) && !VARIABLE_REFERENCE.test(env[2])) {
      names.push(env[1]);
      return;
    }
    const next = args[i + 1];
    if (
      /^--?[A-Za-z0-9_-]+$/.test(arg) &&
      SECRET_NAME.test(arg) &&
      next !== undefined &&
      !next.startsWith('-') &&
      !VARIABLE_REFERENCE.test(next)
    ) {
      names.push(arg.replace(/^-+/, ''));
    }
  });
  return names;
}

export interface LaunchCommandAnalysis {
  packages: PackageProfile[];
  secretsInArguments: string[];
  findings: Finding[];
}

/**
 * Reads a stdio server's launch command (the `url` of a `type: stdio` remote)
 * as an argument list: which package it runs, whether the version is pinned,
 * and whether secrets are written into it. The command is never executed.
 */
export function analyseLaunchCommand(
  command: string,
  field: string,
): LaunchCommandAnalysis {
  const args = splitCommandLine(command);
  const [program, ...rest] = args;
  const findings: Finding[] = [];
  let pkg: PackageProfile | undefined;

  if (program === 'npx' || program === 'bunx' || program === 'pnpx') {
    const operand = firstOperand(rest, new Set(['-p', '--package']));
    if (operand) pkg = npmPackage(operand.value, program);
  } else if (program === 'uvx' || (program === 'pipx' && rest[0] === 'run')) {
    const operand = firstOperand(
      program === 'pipx' ? rest.slice(1) : rest,
      new Set(['--from', '--with', '--python']),
    );
    if (operand) pkg = pypiPackage(operand.value, program);
  } else if (
    (program === 'docker' || program === 'podman') &&
    rest[0] === 'run'
  ) {
    const operand = firstOperand(rest.slice(1), DOCKER_VALUE_OPTIONS);
    if (operand) pkg = ociPackage(operand.value);
  } else if (program) {
    findings.push({
      id: `launch-command-opaque:${program}`,
      source: 'entity',
      severity: 'info',
      field,
      message: `"${program}" is not a package runner (npx, uvx, docker run); the version of what it starts cannot be checked.`,
    });
  }

  if (pkg && !pkg.pinned) {
    findings.push({
      id: `package-unpinned:${pkg.identifier}`,
      source: 'entity',
      severity: 'high',
      field,
      message: pkg.version
        ? `${pkg.identifier} is launched at "${
            pkg.version
          }", which can change without review; pin an exact version${
            pkg.registryType === 'oci' ? ' or digest' : ''
          }.`
        : `${pkg.identifier} is launched without a version, so every start may run new code; pin an exact version.`,
    });
  }

  const secretsInArguments = literalSecrets(rest);
  for (const name of secretsInArguments) {
    findings.push({
      id: `secret-in-arguments:${name}`,
      source: 'entity',
      severity: 'high',
      field,
      message: `the launch command writes the secret "${name}" as a literal argument, visible to every local process; pass it through the environment or a secret store.`,
    });
  }
  return { packages: pkg ? [pkg] : [], secretsInArguments, findings };
}

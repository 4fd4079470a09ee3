import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { stringify } from 'yaml';

/** The repository root, where app-config.yaml and packages/backend live. */
export const repoRoot = resolvePackagePath('@internal/tests', '..');

export interface RunningBackend {
  baseUrl: string;
  /** Everything the process printed, for assertions and for failure reports. */
  output(): string;
  /** Runs `fn`; when it fails, the error carries the end of the backend's output. */
  explained<T>(fn: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/** A short sweep cadence so scheduled work is observable within a test. */
export const FAST_SWEEP = {
  mcpSecurity: {
    sweep: {
      schedule: {
        frequency: { seconds: 3 },
        timeout: { seconds: 60 },
        initialDelay: { seconds: 1 },
      },
    },
  },
};

/**
 * Starts the dev portal's real backend (packages/backend) as its own process,
 * with the repository's app-config plus the given overrides, and waits until
 * the MCP Security plugin answers. The backend also serves the built app.
 */
export async function startBackend(options: {
  port: number;
  config?: Record<string, unknown>;
  timeoutMs?: number;
}): Promise<RunningBackend> {
  const baseUrl = `http://localhost:${options.port}`;
  const overrides = {
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { port: options.port },
      cors: { origin: baseUrl },
      database: { client: 'better-sqlite3', connection: ':memory:' },
    },
  };
  // Backstage merges config files deeply, so the caller's overrides go last.
  const dir = mkdtempSync(join(tmpdir(), 'mcp-security-backend-'));
  const configFiles = [overrides, options.config ?? {}].map((data, i) => {
    const file = join(dir, `app-config.test-${i}.yaml`);
    writeFileSync(file, stringify(data));
    return file;
  });

  // Run once, as `backstage-cli package start` would but without its file
  // watcher: a watched backend restarts mid-test whenever a source changes.
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      join(repoRoot, 'packages/backend/src/index.ts'),
      '--config',
      join(repoRoot, 'app-config.yaml'),
      ...configFiles.flatMap(file => ['--config', file]),
    ],
    {
      cwd: join(repoRoot, 'packages/backend'),
      env: { ...process.env, NODE_ENV: 'development', FORCE_COLOR: '0' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', chunk => (output += chunk));
  child.stderr!.on('data', chunk => (output += chunk));

  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise(r => child.once('exit', r));
    process.kill(-child.pid, 'SIGTERM');
    const killTimer = setTimeout(
      () => process.kill(-child.pid!, 'SIGKILL'),
      10_000,
    );
    await exited;
    clearTimeout(killTimer);
  };

  const health = `${baseUrl}/api/mcp-security/health`;
  const isReady = () =>
    fetch(health)
      .then(r => r.ok)
      .catch(() => false);
  const explained = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw new Error(
        `${error}\nThe backend printed, last:\n${output.slice(-8000)}`,
      );
    }
  };
  const running: RunningBackend = {
    baseUrl,
    output: () => output,
    explained,
    stop,
  };
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`backend on ${options.port} exited early:\n${output}`);
    }
    if (await isReady()) return running;
    await new Promise(r => setTimeout(r, 500));
  }
  await stop();
  throw new Error(
    `backend on ${options.port} did not start in time:\n${output}`,
  );
}

/** A user token from the guest provider (the dev portal signs guests in as user:default/alice). */
export async function guestToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/guest/refresh`);
  if (!response.ok) {
    throw new Error(
      `guest sign-in failed: ${response.status} ${await response.text()}`,
    );
  }
  const body = await response.json();
  return body.backstageIdentity.token;
}

/**
 * A guest token once the catalog knows the guest user: before ingestion the
 * guest provider issues a token without the user's group memberships, so
 * ownership-based permissions would not apply.
 */
export function guestTokenWithGroups(baseUrl: string): Promise<string> {
  return tokenWithGroups(baseUrl, 'guest', {}, 'the guest user');
}

/** Polls until the catalog has ingested every entity, since ingestion runs after start-up. */
export async function waitForEntity(
  baseUrl: string,
  token: string,
  ...refs: string[]
) {
  for (const ref of refs) {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    const url = `${baseUrl}/api/catalog/entities/by-name/${kind}/${namespace}/${name}`;
    const deadline = Date.now() + 60_000;
    while (
      !(await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).ok
    ) {
      if (Date.now() >= deadline) {
        throw new Error(`${ref} never appeared in the catalog`);
      }
      await new Promise(r => setTimeout(r, 500));
    }
  }
}

/**
 * A token of an example user from the dev portal's development-only
 * dev-user provider, once the catalog knows the user with their groups (a
 * user the catalog does not have yet is refused).
 */
export function devUserToken(baseUrl: string, user: string): Promise<string> {
  return tokenWithGroups(baseUrl, 'dev-user', { 'x-dev-user': user }, user);
}

/** Polls a provider's refresh until the identity it issues has a group among its ownership refs. */
async function tokenWithGroups(
  baseUrl: string,
  provider: string,
  headers: Record<string, string>,
  who: string,
): Promise<string> {
  const deadline = Date.now() + 60_000;
  let last = '';
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/api/auth/${provider}/refresh`, {
      headers: { ...headers, 'X-Requested-With': 'XMLHttpRequest' },
    });
    const body = await response.text();
    last = `${response.status} ${body}`;
    if (response.ok) {
      const { backstageIdentity } = JSON.parse(body);
      const refs: string[] =
        backstageIdentity.identity?.ownershipEntityRefs ?? [];
      if (refs.some(ref => ref.startsWith('group:'))) {
        return backstageIdentity.token;
      }
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(
    `${who} never signed in through ${provider} with group memberships: ${last}`,
  );
}

/*
 * Benchmark of the catalog's MCP registry provider: one full refresh over a
 * local v0.1 registry serving N entries (default 10,000) in pages of 100,
 * built from the real sample in examples/registry with distinct names.
 * Printed as JSON with its target. Run with `yarn bench:registry` from the
 * repository root (`yarn bench:registry --entries 200` to check that it runs).
 */
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LoggerService } from '@backstage/backend-plugin-api';
import { EntityProviderMutation } from '@backstage/plugin-catalog-node';
/* eslint-disable @backstage/no-forbidden-package-imports */
// The provider class is internal to the module; the benchmark drives it directly.
import { McpRegistryEntityProvider } from '@mcp-server-operator/plugin-catalog-backend-module-mcp-registry/src/McpRegistryEntityProvider';
/* eslint-enable @backstage/no-forbidden-package-imports */

function entriesOption(args: string[]): number {
  const at = args.indexOf('--entries');
  if (at < 0) return 10_000;
  const entries = Number(args[at + 1]);
  if (!Number.isInteger(entries) || entries < 1) {
    throw new Error(
      `--entries needs a positive whole number, not ${args[at + 1]}`,
    );
  }
  return entries;
}

const ENTRIES = entriesOption(process.argv.slice(2));
const PAGE_SIZE = 100;

// Quiet: the benchmark prints only its figures.
const logger: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => logger,
};

async function main() {
  const root = join(__dirname, '..', '..');
  const sample: any[] = ['servers-1.json', 'servers-2.json'].flatMap(
    file =>
      JSON.parse(readFileSync(join(root, 'examples', 'registry', file), 'utf8'))
        .servers,
  );
  // Pages are rendered on request, so the registry itself holds one at a time.
  const entryAt = (i: number) => {
    const base = sample[i % sample.length];
    return {
      ...base,
      server: { ...base.server, name: `${base.server.name}-${i}` },
    };
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const end = Math.min(ENTRIES, start + PAGE_SIZE);
    const servers = Array.from({ length: end - start }, (_, k) =>
      entryAt(start + k),
    );
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        servers,
        metadata: {
          count: servers.length,
          ...(end < ENTRIES ? { nextCursor: String(end) } : {}),
        },
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  let applied = 0;
  const provider = new McpRegistryEntityProvider({
    config: {
      id: 'bench',
      baseUrl: `http://127.0.0.1:${port}`,
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
      owner: 'group:default/platform-team',
    },
    logger,
    client: { pageSize: PAGE_SIZE },
  });
  await provider.connect({
    applyMutation: async (mutation: EntityProviderMutation) => {
      applied = mutation.type === 'full' ? mutation.entities.length : 0;
    },
    refresh: async () => {},
  });
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  await provider.refresh();
  const seconds = (performance.now() - start) / 1000;
  const heapGrowthMiB =
    (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  server.close();

  process.stdout.write(
    `${JSON.stringify(
      {
        machine: {
          cpus: require('node:os').cpus().length,
          node: process.version,
        },
        registryRefresh: {
          entries: ENTRIES,
          pageSize: PAGE_SIZE,
          entitiesApplied: applied,
          seconds: +seconds.toFixed(2),
          heapGrowthMiB: +heapGrowthMiB.toFixed(1),
          targetSeconds: 60,
          met: seconds <= 60,
        },
      },
      null,
      2,
    )}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});

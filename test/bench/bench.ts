/*
 * Benchmarks of the MCP Security backend, printed as JSON:
 * - the engine over 10,000 generated profiles;
 * - the sweep over 10,000 catalog entities on SQLite: first run, then an
 *   unchanged re-run (incremental: nothing to write).
 * Run with `yarn bench` from the repository root (`yarn bench --servers 100`
 * for a quick check that it runs).
 */
import { mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import knexFactory from 'knex';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuditorService,
  LoggerService,
  resolvePackagePath,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
// The benchmark measures the engine and the sweep themselves, below the HTTP API.
/* eslint-disable @backstage/no-forbidden-package-imports */
import { assess } from '@mcp-server-operator/plugin-mcp-security-backend/src/engine/assess';
import { deriveProfile } from '@mcp-server-operator/plugin-mcp-security-backend/src/profile/deriveProfile';
import { loadKnowledge } from '@mcp-server-operator/plugin-mcp-security-backend/src/knowledge/loadKnowledge';
import { DatabaseMcpSecurityStore } from '@mcp-server-operator/plugin-mcp-security-backend/src/database/DatabaseMcpSecurityStore';
import { ServerJsonReader } from '@mcp-server-operator/plugin-mcp-security-backend/src/reading/ServerJsonReader';
import { AssessmentService } from '@mcp-server-operator/plugin-mcp-security-backend/src/service/AssessmentService';
import { Sweeper } from '@mcp-server-operator/plugin-mcp-security-backend/src/service/Sweeper';
import { MaintenanceService } from '@mcp-server-operator/plugin-mcp-security-backend/src/service/MaintenanceService';
import { ScorecardService } from '@mcp-server-operator/plugin-mcp-security-backend/src/service/ScorecardService';
import { ScorecardStore } from '@mcp-server-operator/plugin-mcp-security-backend/src/database/ScorecardStore';
/* eslint-enable @backstage/no-forbidden-package-imports */

/**
 * `--servers N` runs on a smaller generated catalog, e.g. to check that the
 * benchmark starts; the targets it prints are for the default 10,000.
 */
function serversOption(args: string[]): number {
  const at = args.indexOf('--servers');
  if (at < 0) return 10_000;
  const servers = Number(args[at + 1]);
  if (!Number.isInteger(servers) || servers < 1) {
    throw new Error(
      `--servers needs a positive whole number, not ${args[at + 1]}`,
    );
  }
  return servers;
}

const SERVERS = serversOption(process.argv.slice(2));
const backendDir = resolvePackagePath(
  '@mcp-server-operator/plugin-mcp-security-backend',
);

/** A small deterministic generator, so every run measures the same inputs. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

const pick = <T>(next: () => number, items: readonly T[]) =>
  items[Math.floor(next() * items.length)];

const CAPABILITIES = [
  'filesystem-read',
  'filesystem-write',
  'shell-exec',
  'code-exec',
  'network-egress',
  'database-read',
  'database-write',
  'credentials-access',
  'cloud-admin',
  'email-send',
  'financial-transactions',
  'browser-automation',
  'read-only-api',
  'write-api',
];

/** Varied MCP server entities: stdio and remote, pinned and not, declared and not, some with a server.json on disk. */
function generateEntities(count: number, fixturesDir: string): Entity[] {
  const next = random(42);
  return Array.from({ length: count }, (_, i) => {
    const annotations: Record<string, string> = {
      'backstage.io/managed-by-location': `file:${join(
        fixturesDir,
        'catalog-info.yaml',
      )}`,
    };
    if (next() < 0.8)
      annotations['mcp-security.io/deployment-context'] = pick(next, [
        'development',
        'internal',
        'production',
        'regulated',
      ]);
    if (next() < 0.7)
      annotations['mcp-security.io/data-classification'] = pick(next, [
        'public',
        'internal',
        'confidential',
        'restricted',
      ]);
    if (next() < 0.7)
      annotations['mcp-security.io/exposure'] = pick(next, [
        'local',
        'internal',
        'internet',
      ]);
    if (next() < 0.6)
      annotations['mcp-security.io/isolation'] = pick(next, [
        'none',
        'process',
        'container',
        'vm',
      ]);
    if (next() < 0.6)
      annotations['mcp-security.io/auth'] = pick(next, [
        'none',
        'api-key',
        'oauth2',
        'mtls',
      ]);
    if (next() < 0.75) {
      annotations['mcp-security.io/capabilities'] = Array.from(
        { length: 1 + Math.floor(next() * 3) },
        () => pick(next, CAPABILITIES),
      ).join(',');
    }
    if (next() < 0.2)
      annotations['mcp-security.io/server-json'] = `./${pick(next, [
        'filesystem',
        'terraform',
        'neon',
        'apify',
      ])}.json`;
    const remote =
      next() < 0.7
        ? {
            type: 'stdio',
            url: `npx -y @acme/server-${i}${
              next() < 0.7 ? '@1.2.3' : ''
            } --flag`,
          }
        : { type: 'streamable-http', url: `https://mcp-${i}.example.com/mcp` };
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: `server-${i}`, namespace: 'default', annotations },
      spec: {
        type: 'mcp-server',
        lifecycle: pick(next, ['production', 'experimental', 'deprecated']),
        owner: `group:default/team-${i % 200}`,
        remotes: [remote],
      },
    };
  });
}

/** The generated servers read their server.json from disk; nothing is fetched. */
const noUrls = {
  async readUrl() {
    throw new Error('the benchmark reads no URLs');
  },
} as unknown as UrlReaderService;

const quietLogger: LoggerService = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quietLogger;
  },
};

/** An in-memory catalog that pages like the real one. */
function pagingCatalog(entities: Entity[]): CatalogService {
  return {
    async queryEntities(request: any) {
      const offset = request?.cursor ? Number(request.cursor) : 0;
      const limit = request?.limit ?? 500;
      const items = entities.slice(offset, offset + limit);
      const nextOffset = offset + items.length;
      return {
        items,
        totalItems: entities.length,
        pageInfo:
          nextOffset < entities.length
            ? { nextCursor: String(nextOffset) }
            : {},
      };
    },
  } as unknown as CatalogService;
}

async function main() {
  const fixturesDir = mkdtempSync(join(tmpdir(), 'mcp-security-bench-'));
  for (const name of ['filesystem', 'terraform', 'neon', 'apify']) {
    copyFileSync(
      join(backendDir, 'src/__fixtures__', `${name}.json`),
      join(fixturesDir, `${name}.json`),
    );
  }
  const knowledge = await loadKnowledge({
    builtinDir: join(backendDir, 'knowledge'),
  });
  const entities = generateEntities(SERVERS, fixturesDir);
  const reader = new ServerJsonReader({
    urlReader: noUrls,
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    maxBytes: 256 * 1024,
  });

  // Engine: profiles derived up front, so only assess() is timed.
  const profiles = await Promise.all(
    entities.map(async e => deriveProfile(e, await reader.read(e))),
  );
  const now = new Date();
  const engineStart = performance.now();
  for (const profile of profiles) assess(profile, knowledge, { now });
  const engineSeconds = (performance.now() - engineStart) / 1000;

  // Sweep on SQLite (a file, as the dev portal uses), through the real store and service.
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(fixturesDir, 'bench.sqlite') },
    useNullAsDefault: true,
  });
  const store = await DatabaseMcpSecurityStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const catalog = pagingCatalog(entities);
  const permissions = mockServices.permissions();
  // Sweeps audit nothing; the services still need an auditor (the mock one needs jest).
  const auditor: AuditorService = {
    createEvent: async () => ({
      success: async () => {},
      fail: async () => {},
    }),
  };
  const scorecards = new ScorecardService({
    store: await ScorecardStore.create({
      database: mockServices.database({ knex, migrations: { skip: true } }),
    }),
    assessmentStore: store,
    catalog,
    auth: mockServices.auth(),
    knowledge,
  });
  const assessments = new AssessmentService({
    catalog,
    reader,
    store,
    knowledge,
    advisories: { index: () => new Map() },
    tools: { factsOf: async () => new Map() },
    findings: { openFindings: async () => new Map() },
    registry: { statusesOf: async () => new Map() },
    permissions,
    listeners: [
      new MaintenanceService({
        store,
        knowledge,
        permissions,
        auditor,
        repeatCompletionWindowMs: 0,
      }),
      scorecards,
    ],
    kinds: ['API'],
    auditor,
  });
  const sweeper = new Sweeper({
    auth: mockServices.auth(),
    catalog,
    assessments,
    store,
    logger: quietLogger,
    kinds: ['API'],
  });
  const timed = async () => {
    const start = performance.now();
    const result = await sweeper.run();
    return {
      ...result,
      seconds: +((performance.now() - start) / 1000).toFixed(2),
    };
  };
  const firstRun = await timed();
  const unchangedRun = await timed();
  // Scorecards over every team, best of five (the first warms SQLite's page cache).
  const scorecardTimes: number[] = [];
  let teams = 0;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    teams = (await scorecards.scorecards('owner')).length;
    scorecardTimes.push(performance.now() - start);
  }
  const scorecardMs = Math.round(Math.min(...scorecardTimes));
  await knex.destroy();

  const perSecond = Math.round(SERVERS / engineSeconds);
  process.stdout.write(
    `${JSON.stringify(
      {
        machine: {
          cpus: require('node:os').cpus().length,
          node: process.version,
        },
        knowledge: {
          version: knowledge.version,
          controls: knowledge.controls.length,
        },
        engine: {
          profiles: SERVERS,
          seconds: +engineSeconds.toFixed(2),
          assessmentsPerSecond: perSecond,
          target: 5000,
          met: perSecond >= 5000,
        },
        sweep: {
          servers: SERVERS,
          database: 'SQLite (better-sqlite3, file)',
          firstRun: {
            ...firstRun,
            targetSeconds: 30,
            met: firstRun.seconds <= 30,
          },
          unchangedRun: {
            ...unchangedRun,
            targetSeconds: 5,
            met: unchangedRun.seconds <= 5,
          },
        },
        scorecards: {
          servers: SERVERS,
          teams,
          milliseconds: scorecardMs,
          targetMilliseconds: 200,
          met: scorecardMs <= 200,
        },
        sampleEntity: stringifyEntityRef(entities[0]),
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

import { Client } from 'pg';
import {
  FAST_SWEEP,
  guestToken,
  RunningBackend,
  startBackend,
  waitForEntity,
} from './harness/backend';

jest.setTimeout(240_000);

const connectionString =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const SWEEP_SECONDS = 3;
const OBSERVE_MS = 24_000;

async function withDatabase<T>(
  database: string,
  fn: (client: Client) => Promise<T>,
) {
  const url = new URL(connectionString!);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('two backend replicas on one PostgreSQL database', () => {
  // Unique per run, so replicas share a database with each other but not with earlier runs.
  const prefix = `mcp_replicas_${Date.now()}_`;
  const replicas: RunningBackend[] = [];

  afterAll(async () => {
    await Promise.all(replicas.map(r => r.stop()));
    if (!connectionString) return;
    await withDatabase('postgres', async client => {
      const { rows } = await client.query(
        'SELECT datname FROM pg_database WHERE datname LIKE $1',
        [`${prefix}%`],
      );
      for (const { datname } of rows) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    });
  });

  it('run the sweep on one replica at a time, within its cadence, and serve the same data', async () => {
    expect(connectionString).toMatch(/^postgres(ql)?:\/\//);
    const config = {
      backend: {
        database: { client: 'pg', connection: connectionString, prefix },
      },
      ...FAST_SWEEP,
    };
    // Like a rolling deployment: on a fresh database the first replica runs
    // the migrations of every plugin, which knex cannot do from two at once.
    replicas.push(await startBackend({ port: 7130, config }));
    replicas.push(await startBackend({ port: 7131, config }));
    const [a, b] = replicas;
    await waitForEntity(
      a.baseUrl,
      await guestToken(a.baseUrl),
      'api:default/filesystem',
    );
    await new Promise(r => setTimeout(r, OBSERVE_MS));

    const runs = await withDatabase(`${prefix}mcp-security`, async client =>
      (
        await client.query(
          'SELECT started_at, finished_at FROM sweep_runs WHERE finished_at IS NOT NULL ORDER BY started_at',
        )
      ).rows.map(r => ({
        start: new Date(r.started_at).getTime(),
        end: new Date(r.finished_at).getTime(),
      })),
    );
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < runs.length; i++) {
      // No run starts before the previous one ended, whichever replica ran it.
      expect(runs[i].start).toBeGreaterThanOrEqual(runs[i - 1].end);
    }
    const span = runs[runs.length - 1].start - runs[0].start;
    expect(runs.length - 1).toBeLessThanOrEqual(
      Math.floor(span / (SWEEP_SECONDS * 1000)) + 1,
    );

    const read = async (baseUrl: string) => {
      const token = await guestToken(baseUrl);
      const response = await fetch(
        `${baseUrl}/api/mcp-security/entities/api/default/filesystem/assessment`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      expect(response.status).toBe(200);
      return response.json();
    };
    const [fromA, fromB] = await Promise.all([
      read(a.baseUrl),
      read(b.baseUrl),
    ]);
    expect(fromB).toEqual(fromA);
  });
});

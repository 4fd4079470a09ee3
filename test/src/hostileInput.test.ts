import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { guestToken, RunningBackend, startBackend } from './harness/backend';

/*
 * Hostile input against the real backend: every route and every MCP tool of
 * the plugin gets malformed, oversized, deeply nested and mistyped input, and
 * must answer 4xx naming the field, never 5xx. The backend keeps answering
 * /health while the largest advice requests allowed are running.
 */

const ENTITY = '/entities/api/default/filesystem';

/** JSON text nested `levels` deep; JSON.stringify itself cannot write it. */
const deep = (levels: number) =>
  `${'{"x":'.repeat(levels)}"deep"${'}'.repeat(levels)}`;

/** A body with 4,100-deep nesting at `path` (dot-separated keys) of `base`. */
function deepBody(base: Record<string, unknown>, path: string): string {
  const marker = '"__DEEP__"';
  const copy = structuredClone(base);
  const keys = path.split('.');
  let at: any = copy;
  for (const key of keys.slice(0, -1)) at = at[key] ??= {};
  at[keys.at(-1)!] = '__DEEP__';
  return JSON.stringify(copy).replace(marker, deep(4100));
}

/** The largest /advise body the limits allow: 100 packages, ~4,500 values, just under 256 kB. */
function largestAdviseBody(): string {
  const packages = Array.from({ length: 100 }, (_, i) => ({
    registryType: 'npm',
    identifier: `@example/server-${i}`,
    version: '^1.0.0',
    description: '',
    transport: { type: 'stdio' },
    runtimeArguments: Array.from({ length: 4 }, (__, j) => ({
      type: 'named',
      name: `--token-${j}`,
      isSecret: true,
    })),
  }));
  const body = {
    serverJson: {
      name: 'io.github.example/largest',
      description: 'The largest server.json the advisor accepts',
      version: '1.0.0',
      packages,
    },
  };
  const room = 256 * 1024 - 1024 - JSON.stringify(body).length;
  for (const pkg of packages) pkg.description = 'x'.repeat(room / 100);
  return JSON.stringify(body);
}

interface Probe {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** What the error message must name: the field, header or limit. */
  names: string | RegExp;
}

const json = (value: unknown) => JSON.stringify(value);

/** A text to find literally, or a pattern. */
const asPattern = (names: string | RegExp) =>
  typeof names === 'string'
    ? new RegExp(names.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    : names;

const BODY_ROUTES: {
  method: 'POST' | 'PUT';
  path: string;
  valid: Record<string, unknown>;
  field: string;
}[] = [
  {
    method: 'PUT',
    path: `${ENTITY}/recommendations/pin-version`,
    valid: { status: 'accepted', version: 0 },
    field: 'note',
  },
  {
    method: 'POST',
    path: `${ENTITY}/maintenance/review-security-logs/completions`,
    valid: { outcome: 'done', evidence: 'Reviewed' },
    field: 'evidence',
  },
  {
    method: 'POST',
    path: `${ENTITY}/changes`,
    valid: {
      changeType: 'code-deployment',
      title: 'Upgrade',
      description: 'To 0.7.0',
      rollbackPlan: 'Redeploy 0.6.3',
    },
    field: 'description',
  },
  {
    method: 'POST',
    path: '/changes/00000000-0000-0000-0000-000000000000/approve',
    valid: { version: 1 },
    field: 'comment',
  },
  {
    method: 'POST',
    path: '/advise',
    valid: { serverJson: { name: 'io.github.example/s', description: 'd' } },
    field: 'serverJson.description',
  },
  {
    method: 'POST',
    path: `${ENTITY}/tool-snapshots`,
    valid: { tools: [{ name: 'read', inputSchema: { type: 'object' } }] },
    field: 'nextCursor',
  },
];

/** Every class of bad input, for every route that reads a body. */
const bodyProbes: Probe[] = BODY_ROUTES.flatMap(route => {
  const at = `${route.method} ${route.path}`;
  return [
    {
      name: `${at}: 4,100-deep nesting`,
      body: deepBody(route.valid, route.field),
      names: new RegExp(
        `body\\.${route.field.replace(
          /\./g,
          '\\.',
        )}[.x]* is nested deeper than 32 levels \\(limit 32\\)`,
      ),
    },
    {
      name: `${at}: a body over 256 kB`,
      body: json({ ...route.valid, [route.field]: 'x'.repeat(300_000) }),
      names: /body has \d+ bytes \(limit 262144\)/,
    },
    {
      name: `${at}: a string over the limit`,
      body: json({ ...route.valid, padding: 'x'.repeat(20_001) }),
      names: 'body.padding is longer than 20000 characters (limit 20000)',
    },
    {
      name: `${at}: an array over the limit`,
      body: json({ ...route.valid, padding: Array(101).fill(1) }),
      names: 'body.padding has 101 items (limit 100)',
    },
    {
      name: `${at}: an unknown key`,
      body: json({ ...route.valid, state: 'approved' }),
      names: /state/,
    },
    {
      name: `${at}: a value of the wrong type`,
      body: json({ ...route.valid, [route.field.split('.')[0]]: 42 }),
      names: route.field.split('.')[0],
    },
    {
      name: `${at}: text that is not JSON`,
      body: '{"version": ',
      names: /not JSON/,
    },
    {
      name: `${at}: a JSON array instead of an object`,
      body: '[1,2,3]',
      names: /expected object/,
    },
  ].map(probe => ({ ...probe, method: route.method, path: route.path }));
});

const otherProbes: Probe[] = [
  {
    name: 'history with a negative limit',
    method: 'GET',
    path: `${ENTITY}/assessments?limit=-1`,
    names: 'limit',
  },
  {
    name: 'completions with an unknown query key',
    method: 'GET',
    path: `${ENTITY}/maintenance/completions?state=x`,
    names: 'state',
  },
  {
    name: 'changes with an unknown state',
    method: 'GET',
    path: '/changes?state=approved-by-me',
    names: 'state',
  },
  {
    name: 'changes with a limit that is not a number',
    method: 'GET',
    path: '/changes?limit=lots',
    names: 'limit',
  },
  {
    name: 'scorecards grouped by an unknown dimension',
    method: 'GET',
    path: '/scorecards?groupBy=planet',
    names: 'groupBy',
  },
  {
    name: 'a trend over too many days',
    method: 'GET',
    path: '/scorecards/group:default%2Fteam-a/trend?days=100000',
    names: 'days',
  },
  {
    name: 'a transition that does not exist',
    method: 'POST',
    path: '/changes/00000000-0000-0000-0000-000000000000/teleport',
    body: json({ version: 1 }),
    names: 'transition',
  },
  {
    name: 'a malformed Idempotency-Key',
    method: 'POST',
    path: `${ENTITY}/maintenance/review-security-logs/completions`,
    body: json({ outcome: 'done', evidence: 'Reviewed' }),
    headers: { 'Idempotency-Key': 'k'.repeat(201) },
    names: 'Idempotency-Key header',
  },
  {
    name: 'a planned end before its start, told apart only by offsets',
    method: 'POST',
    path: `${ENTITY}/changes`,
    body: json({
      changeType: 'code-deployment',
      title: 'Upgrade',
      description: 'To 0.7.0',
      rollbackPlan: 'Redeploy 0.6.3',
      plannedStart: '2027-01-01T05:00:00Z',
      plannedEnd: '2027-01-01T10:00:00+09:00',
    }),
    names: 'plannedEnd: must not be before plannedStart',
  },
  {
    name: 'a recommendation decision without the version it saw',
    method: 'PUT',
    path: `${ENTITY}/recommendations/pin-version`,
    body: json({ status: 'accepted' }),
    names: 'version',
  },
  {
    name: 'advice with a launch argument that is not a string',
    method: 'POST',
    path: '/advise',
    body: json({
      clientConfig: { mcpServers: { s: { command: 'npx', args: [['-y']] } } },
    }),
    names: 'clientConfig.mcpServers.s.args[0] must be a string',
  },
  {
    name: 'advice with 4,100-deep launch arguments',
    method: 'POST',
    path: '/advise',
    body: json({
      clientConfig: { mcpServers: { s: { command: 'npx', args: ['__A__'] } } },
    }).replace('"__A__"', deep(4100)),
    names:
      /body\.clientConfig\.mcpServers\.s\.args\[0\][.x]* is nested deeper than 32 levels/,
  },
];

/** Hostile tool calls: arguments and what the error must name. */
const toolProbes: [string, Record<string, unknown>, string | RegExp][] = [
  [
    'advise-on-server',
    { serverJson: '__DEEP__' },
    /input\.serverJson[.x]* is nested deeper than 32 levels/,
  ],
  [
    'advise-on-server',
    { serverJson: { name: 'io.github.a/b', packages: Array(101).fill({}) } },
    'input.serverJson.packages has 101 items (limit 100)',
  ],
  [
    'advise-on-server',
    { serverJson: { name: 'io.github.a/b' }, mode: 'x' },
    'mode',
  ],
  ['advise-on-server', { clientConfig: 'npx server' }, 'clientConfig'],
  [
    'request-change',
    {
      entityRef: 'api:default/filesystem',
      changeType: 'code-deployment',
      title: 'Upgrade',
      description: 'To 0.7.0',
      rollbackPlan: 'Redeploy',
      state: 'approved',
    },
    'state',
  ],
  [
    'request-change',
    {
      entityRef: 'api:default/filesystem',
      changeType: 'code-deployment',
      title: 'Upgrade',
      description: '__DEEP__',
      rollbackPlan: 'Redeploy',
    },
    'description',
  ],
  [
    'request-change',
    {
      entityRef: 'api:default/filesystem',
      changeType: 'code-deployment',
      title: 'Upgrade',
      description: 'To 0.7.0',
      rollbackPlan: 'Redeploy',
      plannedStart: 'tomorrow',
    },
    'plannedStart',
  ],
  ['get-assessment', { entityRef: 42 }, 'entityRef'],
  ['get-assessment', { entityRef: 'filesystem', verbose: true }, 'verbose'],
  [
    'get-maintenance-due',
    { entityRef: 'filesystem', withinDays: -1 },
    'withinDays',
  ],
  ['list-pending-changes', { mine: 'yes' }, 'mine'],
  [
    'list-recommendations',
    { entityRef: 'filesystem', status: 'done' },
    'status',
  ],
];

describe('hostile input against the real backend', () => {
  let backend: RunningBackend;
  let token: string;
  let client: Client;

  beforeAll(async () => {
    backend = await startBackend({ port: 7130 });
    token = await guestToken(backend.baseUrl);
    client = new Client({ name: 'mcp-security-hostile', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`${backend.baseUrl}/api/mcp-actions/v1`),
        { requestInit: { headers: { Authorization: `Bearer ${token}` } } },
      ),
    );
    // Starting the backend is the one slow step, bounded by the harness's own deadline.
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await backend?.stop();
  });

  const send = (probe: Omit<Probe, 'name' | 'names'>) =>
    fetch(`${backend.baseUrl}/api/mcp-security${probe.path}`, {
      method: probe.method,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        ...probe.headers,
      },
      body: probe.body,
    });

  it.each([...bodyProbes, ...otherProbes].map(p => [p.name, p] as const))(
    'answers 400 naming the field for %s',
    async (_name, probe) => {
      const response = await send(probe);
      const body = await response.json();
      expect({ status: response.status, body }).toEqual({
        status: 400,
        body: expect.objectContaining({
          error: expect.objectContaining({
            name: 'InputError',
            message: expect.stringMatching(asPattern(probe.names)),
          }),
        }),
      });
    },
  );

  it('never answers 5xx to a deep body on routes that read none', async () => {
    for (const path of [
      `${ENTITY}/assessment/refresh`,
      `${ENTITY}/assessment`,
      '/health',
    ]) {
      const response = await send({
        method: path.endsWith('refresh') ? 'POST' : 'GET',
        path,
        body: path.endsWith('refresh') ? deep(4100) : undefined,
      });
      expect(response.status).toBeLessThan(500);
    }
  });

  /**
   * Calls a tool with arguments given as JSON text, as a raw JSON-RPC
   * request: the SDK client cannot serialise 4,100-deep arguments itself.
   */
  async function callToolWithText(name: string, argumentsText: string) {
    const response = await fetch(`${backend.baseUrl}/api/mcp-actions/v1`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
      },
      body: `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":${JSON.stringify(
        name,
      )},"arguments":${argumentsText}}}`,
    });
    expect(response.status).toBeLessThan(500);
    const text = await response.text();
    // Streamable HTTP answers either JSON or one server-sent event.
    const message = JSON.parse(
      text.startsWith('{') ? text : text.match(/^data: (.*)$/m)![1],
    );
    return message.result as { isError?: boolean; content: { text: string }[] };
  }

  it.each(
    toolProbes.map(
      ([tool, args, names], i) => [`${tool} #${i}`, tool, args, names] as const,
    ),
  )(
    'answers a tool error naming the field for %s',
    async (_name, tool, args, names) => {
      const text = JSON.stringify(args).replace('"__DEEP__"', deep(4100));
      const result =
        text.length === JSON.stringify(args).length
          ? ((await client.callTool({
              name: `mcp-security.${tool}`,
              arguments: args,
            })) as { isError?: boolean; content: { text: string }[] })
          : await callToolWithText(`mcp-security.${tool}`, text);
      expect(result.isError).toBe(true);
      expect(result.content[0].text).toMatch(asPattern(names));
    },
  );

  it('leaves no draft behind when request-change cannot submit', async () => {
    const before = await send({ method: 'GET', path: '/changes' });
    const { items: changesBefore } = await before.json();
    const result = await client.callTool({
      name: 'mcp-security.request-change',
      arguments: {
        entityRef: 'api:default/filesystem',
        changeType: 'code-deployment',
        title: 'Upgrade',
        description: 'To 0.7.0',
        rollbackPlan: '',
      },
    });
    expect(result.isError).toBe(true);
    const after = await send({ method: 'GET', path: '/changes' });
    expect((await after.json()).items).toEqual(changesBefore);
  });

  it('keeps answering /health while four of the largest advice requests run', async () => {
    const body = largestAdviseBody();
    expect(body.length).toBeLessThan(256 * 1024);
    let running = true;
    const advice = Promise.all(
      Array.from({ length: 4 }, () =>
        send({ method: 'POST', path: '/advise', body }).then(async r => {
          expect(r.status).toBe(200);
          return r.json();
        }),
      ),
    ).finally(() => {
      running = false;
    });
    // How fast it answers is the benchmark's to measure (a wall-clock limit
    // here fails on any busy machine); that it answers throughout is this test's.
    do {
      const health = await fetch(`${backend.baseUrl}/api/mcp-security/health`);
      expect(health.status).toBe(200);
    } while (running);
    const answers = await advice;
    expect(answers[0].omitted).toEqual({
      findings: expect.any(Number),
      packages: 80,
    });
  });
});

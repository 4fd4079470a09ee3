import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { mcpSecurityPlugin } from '../plugin';

/** `{"x": {"x": … "deep"}}`, `levels` objects deep. */
function nested(levels: number): unknown {
  let result: unknown = 'deep';
  for (let i = 0; i < levels; i++) result = { x: result };
  return result;
}

const serverJson = (extra: Record<string, unknown> = {}) => ({
  name: 'io.github.example/server',
  description: 'An example',
  version: '1.0.0',
  ...extra,
});

const npmPackage = (i: number) => ({
  registryType: 'npm',
  identifier: `@example/server-${i}`,
  version: '^1.0.0',
  transport: { type: 'stdio' },
});

const DEEP = 'DEEP-NESTING';

/** Where the probe found ~4,100-deep nesting crashing the advisor. */
const DEEP_INPUTS: [string, Record<string, unknown>, string][] = [
  [
    'serverJson.x',
    { serverJson: serverJson({ x: nested(4100) }) },
    'serverJson.x',
  ],
  [
    'serverJson.repository',
    { serverJson: serverJson({ repository: nested(4100) }) },
    'serverJson.repository.x',
  ],
  [
    'serverJson.packages[0].transport',
    {
      serverJson: serverJson({
        packages: [{ ...npmPackage(0), transport: nested(4100) }],
      }),
    },
    'serverJson.packages[0].transport.x',
  ],
  [
    'clientConfig…args',
    {
      clientConfig: {
        mcpServers: { s: { command: 'npx', args: [nested(4100)] } },
      },
    },
    'clientConfig.mcpServers.s.args[0].x',
  ],
];

describe('limits on what the advisor accepts', () => {
  let http: any;
  const tools = actionsRegistryServiceMock();

  beforeAll(async () => {
    ({ server: http } = await startTestBackend({
      features: [
        mcpSecurityPlugin,
        catalogServiceMock.factory({ entities: [] }),
        createServiceFactory({
          service: actionsRegistryServiceRef,
          deps: {},
          factory: () => tools,
        }),
      ],
    }));
  });

  const advise = (body: unknown) =>
    request(http)
      .post('/api/mcp-security/advise')
      .send(body as object);

  it.each(DEEP_INPUTS)(
    'answers 400 naming the path for nesting 4,100 deep under %s',
    async (_where, body, path) => {
      // JSON.stringify itself overflows on such nesting: write the text.
      const deep = `${'{"x":'.repeat(4100)}"deep"${'}'.repeat(4100)}`;
      const text = JSON.stringify(body, (_key, value) =>
        typeof value === 'object' && value?.x?.x ? DEEP : value,
      ).replace(`"${DEEP}"`, deep);
      const response = await request(http)
        .post('/api/mcp-security/advise')
        .set('Content-Type', 'application/json')
        .send(text);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(
          new RegExp(
            `^Invalid body: body\\.${path.replace(
              /[.[\]]/g,
              '\\$&',
            )}[.x]* is nested deeper than 32 levels \\(limit 32\\)$`,
          ),
        ),
      });
    },
  );

  it.each(DEEP_INPUTS)(
    'answers a tool error naming the path for nesting 4,100 deep under %s over MCP',
    async (_where, input, path) => {
      await expect(
        tools.invoke({
          id: 'test:advise-on-server',
          input: input as any,
          credentials: mockCredentials.user(),
        }),
      ).rejects.toThrow(`input.${path}`);
    },
  );

  it('refuses 10,000 packages for their size, and 150 for their number', async () => {
    const packages = (n: number) =>
      Array.from({ length: n }, (_, i) => npmPackage(i));
    const huge = await advise({
      serverJson: serverJson({ packages: packages(10_000) }),
    });
    expect(huge.status).toBe(400);
    expect(huge.body.error.message).toMatch(
      /^Invalid body: body has \d+ bytes \(limit 262144\)$/,
    );
    const many = await advise({
      serverJson: serverJson({ packages: packages(150) }),
    });
    expect(many.status).toBe(400);
    expect(many.body.error.message).toBe(
      'Invalid body: body.serverJson.packages has 150 items (limit 100)',
    );
    await expect(
      tools.invoke({
        id: 'test:advise-on-server',
        input: { serverJson: serverJson({ packages: packages(10_000) }) },
        credentials: mockCredentials.user(),
      }),
    ).rejects.toThrow('input.serverJson.packages has 10000 items (limit 100)');
  });

  it('refuses a body larger than the limit, saying the limit', async () => {
    const response = await advise({
      serverJson: serverJson({ description: 'x'.repeat(300_000) }),
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(
      /^Invalid body: body has \d+ bytes \(limit 262144\)$/,
    );
  });

  it('refuses a body that is not JSON as bad input', async () => {
    const response = await request(http)
      .post('/api/mcp-security/advise')
      .set('Content-Type', 'application/json')
      .send('{"serverJson": ');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^Invalid body: not JSON/);
  });

  it('names a launch argument that is not a string', async () => {
    const response = await advise({
      clientConfig: { mcpServers: { s: { command: 'npx', args: ['-y', 7] } } },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'clientConfig.mcpServers.s.args[1] must be a string',
    );
  });

  it('lists at most 50 findings and 20 packages, and says how many it left out', async () => {
    const response = await advise({
      serverJson: serverJson({
        packages: Array.from({ length: 100 }, (_, i) => npmPackage(i)),
      }),
    });
    expect(response.status).toBe(200);
    expect(response.body.findings).toHaveLength(50);
    expect(response.body.profile.packages).toHaveLength(20);
    expect(response.body.omitted).toEqual({
      findings: expect.any(Number),
      packages: 80,
    });
    expect(response.body.omitted.findings).toBeGreaterThanOrEqual(50);
  });
});

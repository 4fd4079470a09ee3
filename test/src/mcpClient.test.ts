import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  guestTokenWithGroups,
  repoRoot,
  RunningBackend,
  startBackend,
  waitForEntity,
} from './harness/backend';

jest.setTimeout(180_000);

describe('MCP Security tools over /api/mcp-actions/v1, with the official MCP client', () => {
  let backend: RunningBackend;
  let client: Client;

  beforeAll(async () => {
    backend = await startBackend({ port: 7120 });
    const token = await guestTokenWithGroups(backend.baseUrl);
    await waitForEntity(backend.baseUrl, token, 'api:default/terraform');
    client = new Client({ name: 'mcp-security-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`${backend.baseUrl}/api/mcp-actions/v1`),
        { requestInit: { headers: { Authorization: `Bearer ${token}` } } },
      ),
    );
  });

  afterAll(async () => {
    await client?.close();
    await backend?.stop();
  });

  it('lists the read-only assessment tool with its description', async () => {
    const { tools } = await client.listTools();
    const tool = tools.find(t => t.name === 'mcp-security.get-assessment');
    expect(tool).toMatchObject({
      description: expect.stringContaining(
        'security assessment of an MCP server',
      ),
      annotations: expect.objectContaining({
        readOnlyHint: true,
        destructiveHint: false,
      }),
      inputSchema: expect.objectContaining({
        properties: expect.objectContaining({ entityRef: expect.anything() }),
      }),
    });
  });

  it('returns the assessment of a catalog MCP server with its reasons', async () => {
    const result = await client.callTool({
      name: 'mcp-security.get-assessment',
      arguments: { entityRef: 'api:default/terraform' },
    });
    expect(result.isError).toBeFalsy();
    const [content] = result.content as { type: string; text: string }[];
    const assessment = JSON.parse(content.text);
    expect(assessment).toMatchObject({
      entityRef: 'api:default/terraform',
      trust: { tier: 'trusted' },
      risk: { level: expect.stringMatching(/^(low|medium|high|critical)$/) },
    });
    expect(assessment.risk.factors).toContainEqual(
      expect.objectContaining({
        id: 'secrets-in-arguments',
        reason: expect.stringContaining('token'),
      }),
    );
  });

  it('answers a tool error, not a protocol error, for an entity that is not an MCP server', async () => {
    const result = await client.callTool({
      name: 'mcp-security.get-assessment',
      arguments: { entityRef: 'group:default/security-team' },
    });
    expect(result.isError).toBe(true);
    const [content] = result.content as { type: string; text: string }[];
    expect(content.text).toContain('is not an MCP server');
  });

  it('lists every MCP Security tool, only request-change as destructive', async () => {
    const { tools } = await client.listTools();
    const ours = tools.filter(t => t.name.startsWith('mcp-security.'));
    expect(ours.map(t => t.name).sort()).toEqual([
      'mcp-security.advise-on-server',
      'mcp-security.get-assessment',
      'mcp-security.get-maintenance-due',
      'mcp-security.list-advisories',
      'mcp-security.list-findings',
      'mcp-security.list-pending-changes',
      'mcp-security.list-recommendations',
      'mcp-security.request-change',
    ]);
    for (const tool of ours) {
      const writes = tool.name === 'mcp-security.request-change';
      expect([
        tool.name,
        tool.annotations?.readOnlyHint,
        tool.annotations?.destructiveHint,
      ]).toEqual([tool.name, !writes, writes]);
    }
  });

  it('requests a change as the signed-in user, and returns a denied call as a tool error', async () => {
    const change = {
      changeType: 'dependency-update',
      title: 'Bump dependencies',
      description: 'Monthly update',
      rollbackPlan: 'Redeploy the previous image',
    };
    // The guest is alice of developer-experience, which owns the filesystem server.
    const allowed = await client.callTool({
      name: 'mcp-security.request-change',
      arguments: { entityRef: 'api:default/filesystem', ...change },
    });
    expect(allowed.isError).toBeFalsy();
    const requested = JSON.parse(
      (allowed.content as { text: string }[])[0].text,
    );
    expect(requested).toMatchObject({
      state: 'submitted',
      id: expect.any(String),
    });

    const pending = await client.callTool({
      name: 'mcp-security.list-pending-changes',
      arguments: { entityRef: 'api:default/filesystem' },
    });
    const listed = JSON.parse((pending.content as { text: string }[])[0].text);
    expect(listed.changes.map((c: { id: string }) => c.id)).toContain(
      requested.id,
    );

    // Stripe belongs to the payments team: the dev policy denies alice.
    const denied = await client.callTool({
      name: 'mcp-security.request-change',
      arguments: { entityRef: 'api:default/stripe', ...change },
    });
    expect(denied.isError).toBe(true);
    expect((denied.content as { text: string }[])[0].text).toContain(
      'is not allowed mcp-security.change.create on api:default/stripe',
    );
  });

  it('answers "is this server.json safe to install, and how should I run it?"', async () => {
    const serverJson = JSON.parse(
      readFileSync(
        join(repoRoot, 'examples/mcp-servers/filesystem/server.json'),
        'utf8',
      ),
    );
    const result = await client.callTool({
      name: 'mcp-security.advise-on-server',
      arguments: {
        serverJson,
        context: {
          deploymentContext: 'production',
          capabilities: ['filesystem-read', 'filesystem-write'],
          isolation: 'none',
        },
      },
    });
    expect(result.isError).toBeFalsy();
    const advice = JSON.parse((result.content as { text: string }[])[0].text);
    expect(advice.risk.level).toMatch(/^(high|critical)$/);
    expect(
      advice.recommendations
        .slice(0, 5)
        .map((r: { controlId: string }) => r.controlId),
    ).toEqual(
      expect.arrayContaining([
        'run-in-hardened-container',
        'restrict-filesystem-mounts',
      ]),
    );
  });

  it('lists open recommendations and the maintenance due on a catalog server', async () => {
    const recommendations = await client.callTool({
      name: 'mcp-security.list-recommendations',
      arguments: { entityRef: 'api:default/terraform', status: 'open' },
    });
    const listed = JSON.parse(
      (recommendations.content as { text: string }[])[0].text,
    );
    expect(listed.recommendations.length).toBeGreaterThan(0);
    expect(
      listed.recommendations.every(
        (r: { status: string }) => r.status === 'open',
      ),
    ).toBe(true);

    const due = await client.callTool({
      name: 'mcp-security.get-maintenance-due',
      arguments: { entityRef: 'api:default/terraform', withinDays: 365 },
    });
    const schedule = JSON.parse((due.content as { text: string }[])[0].text);
    expect(schedule.tasks.length).toBeGreaterThan(0);
    expect(schedule.tasks[0]).toMatchObject({
      procedure: expect.any(Array),
      evidence: expect.any(String),
    });
  });
});

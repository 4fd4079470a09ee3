import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  guestToken,
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
    const token = await guestToken(backend.baseUrl);
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
});

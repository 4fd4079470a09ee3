import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import {
  guestTokenWithGroups,
  repoRoot,
  RunningBackend,
  startBackend,
  waitForEntity,
} from './harness/backend';

jest.setTimeout(180_000);

const LEVELS = ['low', 'medium', 'high', 'critical'];

/** Two deployments of the reference filesystem server that differ only in the version they run. */
function filesystemTwin(name: string, version: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name,
      annotations: {
        'mcp-security.io/deployment-context': 'internal',
        'mcp-security.io/exposure': 'local',
        'mcp-security.io/data-classification': 'internal',
        'mcp-security.io/capabilities': 'filesystem-read',
        'mcp-security.io/isolation': 'container',
      },
    },
    spec: {
      type: 'mcp-server',
      lifecycle: 'production',
      owner: 'group:default/developer-experience',
      remotes: [
        {
          type: 'stdio',
          url: `npx -y @modelcontextprotocol/server-filesystem@${version} /srv/docs`,
        },
      ],
    },
  };
}

describe('advisories in the dev portal (examples/advisories)', () => {
  let backend: RunningBackend;
  let token: string;

  const get = async (path: string) => {
    const response = await fetch(`${backend.baseUrl}/api/mcp-security${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return response.json();
  };
  const advise = async (body: object) => {
    const response = await fetch(`${backend.baseUrl}/api/mcp-security/advise`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return response.json();
  };
  const launching = (pkg: string, deploymentContext: string) => ({
    clientConfig: {
      mcpServers: {
        server: { command: 'npx', args: ['-y', pkg, '/srv/docs'] },
      },
    },
    context: { deploymentContext },
  });

  beforeAll(async () => {
    // The portal's own catalog plus the two twins (config arrays replace, not merge).
    const appConfig = parse(
      readFileSync(join(repoRoot, 'app-config.yaml'), 'utf8'),
    );
    const twins = join(
      mkdtempSync(join(tmpdir(), 'advisory-twins-')),
      'twins.yaml',
    );
    writeFileSync(
      twins,
      [
        filesystemTwin('docs-vulnerable', '2025.6.30'),
        filesystemTwin('docs-fixed', '2025.7.1'),
      ]
        .map(e => stringify(e))
        .join('---\n'),
    );
    backend = await startBackend({
      port: 7160,
      config: {
        catalog: {
          locations: [
            ...appConfig.catalog.locations,
            { type: 'file', target: twins },
          ],
        },
      },
    });
    token = await guestTokenWithGroups(backend.baseUrl);
    await waitForEntity(
      backend.baseUrl,
      token,
      'api:default/postmark',
      'api:default/docs-vulnerable',
      'api:default/docs-fixed',
    );
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('rates the catalog server running postmark-mcp 1.0.16 critical, removal first', async () => {
    await backend.explained(async () => {
      const assessment = await get('/entities/api/default/postmark/assessment');
      expect(assessment.risk.level).toBe('critical');
      expect(assessment.profile.advisories).toEqual([
        expect.objectContaining({
          advisoryId: 'MAL-2025-47604',
          malicious: true,
          certainty: 'affected',
        }),
      ]);
      expect(assessment.recommendations[0]).toMatchObject({
        controlId: 'remove-malicious-package',
        priority: 'P1',
      });
    });
  });

  it('scores the vulnerable filesystem deployment a level above its fixed twin', async () => {
    await backend.explained(async () => {
      const vulnerable = await get(
        '/entities/api/default/docs-vulnerable/assessment',
      );
      const fixed = await get('/entities/api/default/docs-fixed/assessment');
      expect(fixed.profile.advisories).toBeUndefined();
      expect(
        vulnerable.profile.advisories.map(
          (a: { advisoryId: string }) => a.advisoryId,
        ),
      ).toEqual(['GHSA-hc55-p739-j48w', 'GHSA-q66q-fx2p-7w4m']);
      expect(
        LEVELS.indexOf(vulnerable.risk.level) -
          LEVELS.indexOf(fixed.risk.level),
      ).toBeGreaterThanOrEqual(1);
      expect(
        vulnerable.recommendations.map(
          (r: { controlId: string }) => r.controlId,
        ),
      ).toContain('upgrade-vulnerable-package');
    });
  });

  it('gives the same verdicts to an agent asking before install (POST /advise)', async () => {
    await backend.explained(async () => {
      const malicious = await advise(
        launching('postmark-mcp@1.0.16', 'development'),
      );
      expect(malicious.risk.level).toBe('critical');
      const clean = await advise(
        launching('postmark-mcp@1.0.15', 'development'),
      );
      // The advisory names 1.0.16 on; the model's own list of known-malicious
      // packages may still rate the package as a whole.
      expect(
        clean.risk.factors.find(
          (factor: { id: string }) => factor.id === 'malicious-package',
        ),
      ).toBeUndefined();

      // In development: an agent's client config declares no capabilities,
      // so in riskier contexts the fixed twin is already critical, with no
      // level left above it.
      const vulnerable = await advise(
        launching(
          '@modelcontextprotocol/server-filesystem@2025.6.30',
          'development',
        ),
      );
      const fixed = await advise(
        launching(
          '@modelcontextprotocol/server-filesystem@2025.7.1',
          'development',
        ),
      );
      expect(
        LEVELS.indexOf(vulnerable.risk.level) -
          LEVELS.indexOf(fixed.risk.level),
      ).toBeGreaterThanOrEqual(1);
    });
  });

  it('answers "who runs postmark-mcp 1.0.16?" over HTTP and over MCP', async () => {
    await backend.explained(async () => {
      await get('/entities/api/default/postmark/assessment');
      const { advisories, sources } = await get('/advisories?malicious=true');
      expect(advisories).toEqual([
        expect.objectContaining({
          advisoryId: 'MAL-2025-47604',
          servers: [
            expect.objectContaining({
              entityRef: 'api:default/postmark',
              owner: 'group:default/payments-team',
              version: '1.0.16',
              riskLevel: 'critical',
            }),
          ],
        }),
      ]);
      expect(sources).toEqual([
        expect.objectContaining({ records: 3, skipped: [] }),
      ]);

      const client = new Client({ name: 'advisories-test', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(
          new URL(`${backend.baseUrl}/api/mcp-actions/v1`),
          { requestInit: { headers: { Authorization: `Bearer ${token}` } } },
        ),
      );
      try {
        const result = await client.callTool({
          name: 'mcp-security.list-advisories',
          arguments: { malicious: true },
        });
        expect(result.isError).toBeFalsy();
        const listed = JSON.parse(
          (result.content as { text: string }[])[0].text,
        );
        expect(
          listed.advisories.map(
            (a: { advisoryId: string; servers: { entityRef: string }[] }) => [
              a.advisoryId,
              a.servers.map(s => s.entityRef),
            ],
          ),
        ).toEqual([['MAL-2025-47604', ['api:default/postmark']]]);

        // An agent asking before it installs learns the package is malicious.
        const advice = await client.callTool({
          name: 'mcp-security.advise-on-server',
          arguments: {
            clientConfig: {
              mcpServers: {
                postmark: {
                  command: 'npx',
                  args: ['-y', 'postmark-mcp@1.0.16'],
                },
              },
            },
          },
        });
        expect(advice.isError).toBeFalsy();
        const advised = JSON.parse(
          (advice.content as { text: string }[])[0].text,
        );
        expect(advised.risk.level).toBe('critical');
        expect(advised.advisories).toEqual([
          expect.objectContaining({
            advisoryId: 'MAL-2025-47604',
            malicious: true,
            package: 'postmark-mcp',
            version: '1.0.16',
          }),
        ]);
      } finally {
        await client.close();
      }
    });
  });
});

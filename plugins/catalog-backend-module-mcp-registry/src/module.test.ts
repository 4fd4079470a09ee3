import { AddressInfo } from 'node:net';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogModuleAiModel from '@backstage/plugin-catalog-backend-module-ai-model';
import catalogModuleMcpRegistry from '.';
import {
  fixtureEntries,
  paged,
  startTestRegistry,
  TestRegistry,
  withStatus,
} from './__testUtils__/registryServer';

/** Polls until `read` returns a value, failing after `timeoutMs`. */
async function eventually<T>(
  read: () => Promise<T | undefined>,
  timeoutMs = 4000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

describe('the mcp-registry catalog module', () => {
  let official: TestRegistry;
  let internal: TestRegistry;
  const entries = fixtureEntries();

  beforeAll(async () => {
    [official, internal] = await Promise.all([
      startTestRegistry(),
      startTestRegistry(),
    ]);
    official.serve(paged(entries.slice(0, 30), 10));
    internal.serve([
      [
        withStatus(entries[30], 'deleted', 'Removed for malware'),
        // The same server in both registries: each namespace keeps its own.
        entries[0],
      ],
    ]);
  });
  afterAll(() => Promise.all([official.close(), internal.close()]));

  it('brings the servers of every configured registry into the catalog', async () => {
    const schedule = {
      frequency: { minutes: 30 },
      timeout: { minutes: 1 },
      scope: 'local',
    };
    const { server } = await startTestBackend({
      features: [
        catalogBackend,
        catalogModuleAiModel,
        catalogModuleMcpRegistry,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              processingInterval: { seconds: 1 },
              providers: {
                mcpServerRegistry: {
                  official: {
                    baseUrl: official.baseUrl,
                    schedule,
                    owner: 'group:default/platform-team',
                  },
                  internal: {
                    baseUrl: `${internal.baseUrl}/`,
                    schedule,
                    owner: 'group:default/security-team',
                  },
                },
              },
            },
          },
        }),
      ],
    });
    const { port } = server.address() as AddressInfo;
    const apis = await eventually(async () => {
      const response = await fetch(
        `http://127.0.0.1:${port}/api/catalog/entities?filter=kind=api,spec.type=mcp-server`,
      );
      const body = (await response.json()) as Entity[];
      return body.length === 32 ? body : undefined;
    });
    const byRef = new Map(
      apis.map(e => [`${e.metadata.namespace}/${e.metadata.name}`, e]),
    );
    expect(byRef.get('official/ai.aliengiraffe-spotdb')?.spec?.owner).toBe(
      'group:default/platform-team',
    );
    expect(byRef.get('internal/ai.aliengiraffe-spotdb')?.spec?.owner).toBe(
      'group:default/security-team',
    );
    const deleted = apis.find(
      e =>
        e.metadata.annotations?.['mcp-security.io/registry-name'] ===
        entries[30].server.name,
    );
    expect(deleted?.metadata.annotations).toMatchObject({
      'mcp-security.io/registry-status': 'deleted',
      'mcp-security.io/registry-status-message': 'Removed for malware',
      'mcp-security.io/registry-url': internal.baseUrl,
    });
  });
});

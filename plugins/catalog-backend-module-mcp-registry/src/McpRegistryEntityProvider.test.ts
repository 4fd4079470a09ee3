import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DeferredEntity,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  McpRegistryEntityProvider,
  McpRegistryEntityProviderOptions,
} from './McpRegistryEntityProvider';
import { McpRegistryProviderConfig } from './config';
import {
  fixtureEntries,
  HANG,
  paged,
  startTestRegistry,
  TestRegistry,
  withStatus,
} from './__testUtils__/registryServer';

/** A logger that keeps its messages, to assert on the warnings. */
function recordingLogger() {
  const messages: { level: string; message: string }[] = [];
  const logger: LoggerService = {
    error: message => void messages.push({ level: 'error', message }),
    warn: message => void messages.push({ level: 'warn', message }),
    info: message => void messages.push({ level: 'info', message }),
    debug: () => {},
    child: () => logger,
  };
  return { logger, messages };
}

function recordingConnection() {
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async mutation => void mutations.push(mutation),
    refresh: async () => {},
  };
  return { connection, mutations };
}

function entitiesOf(mutation: EntityProviderMutation): DeferredEntity[] {
  if (mutation.type !== 'full') throw new Error('expected a full mutation');
  return mutation.entities;
}

function annotation(deferred: DeferredEntity, key: string) {
  return deferred.entity.metadata.annotations?.[key];
}

describe('McpRegistryEntityProvider', () => {
  let registry: TestRegistry;
  const entries = fixtureEntries();

  beforeAll(async () => {
    registry = await startTestRegistry();
  });
  afterAll(() => registry.close());

  async function refreshed(
    config: Partial<McpRegistryProviderConfig> = {},
    client: McpRegistryEntityProviderOptions['client'] = { pageSize: 15 },
  ) {
    const { logger, messages } = recordingLogger();
    const { connection, mutations } = recordingConnection();
    const provider = new McpRegistryEntityProvider({
      config: {
        id: 'official',
        baseUrl: registry.baseUrl,
        schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
        owner: 'group:default/platform-team',
        ...config,
      },
      logger,
      client,
    });
    await provider.connect(connection);
    const outcome = await provider.refresh().then(
      () => undefined,
      (error: Error) => error,
    );
    return { mutations, messages, error: outcome };
  }

  it('reads every page to the end, then applies one full mutation', async () => {
    registry.serve(paged(entries, 15));
    const { mutations, error } = await refreshed();
    expect(error).toBeUndefined();
    expect(registry.requests).toEqual([
      '/v0.1/servers?limit=15&include_deleted=true',
      '/v0.1/servers?limit=15&include_deleted=true&cursor=page-1',
      '/v0.1/servers?limit=15&include_deleted=true&cursor=page-2',
    ]);
    expect(mutations).toHaveLength(1);
    const applied = entitiesOf(mutations[0]);
    expect(
      applied.map(d => annotation(d, 'mcp-security.io/registry-name')),
    ).toEqual(entries.map(e => e.server.name));
    expect(new Set(applied.map(d => d.entity.metadata.name)).size).toBe(40);
    expect(applied[0].locationKey).toBe(`url:${registry.baseUrl}/v0.1/servers`);
  });

  it.each([
    ['an HTTP error', 503],
    ['bad JSON', '{"servers": ['],
    ['a response that is not a server list', '{"servers": 3}'],
    ['a timeout', HANG],
  ])(
    'applies nothing when a page mid-traversal fails with %s',
    async (_, failure) => {
      const pages: (any[] | number | string)[] = paged(entries, 15);
      pages[1] = failure;
      registry.serve(pages);
      const { mutations, error } = await refreshed(
        {},
        { pageSize: 15, timeoutMs: 300 },
      );
      expect(mutations).toEqual([]);
      expect(error).toBeInstanceOf(Error);
      expect(registry.requests).toHaveLength(2);
    },
  );

  it('applies nothing when a page exceeds the size cap', async () => {
    registry.serve(paged(entries, 15));
    const { mutations, error } = await refreshed(
      {},
      { pageSize: 15, maxPageBytes: 1000 },
    );
    expect(mutations).toEqual([]);
    expect(error?.message).toMatch(/exceeds 1000/);
  });

  it('keeps deprecated and deleted entries with their status', async () => {
    registry.serve([
      [
        withStatus(entries[0], 'deprecated', 'Moved to io.example/next'),
        withStatus(entries[1], 'deleted', 'Removed for malware'),
        entries[2],
      ],
    ]);
    const { mutations } = await refreshed();
    const applied = entitiesOf(mutations[0]);
    expect(
      applied.map(d => [
        annotation(d, 'mcp-security.io/registry-status'),
        annotation(d, 'mcp-security.io/registry-status-message'),
        d.entity.spec?.lifecycle,
      ]),
    ).toEqual([
      ['deprecated', 'Moved to io.example/next', 'deprecated'],
      ['deleted', 'Removed for malware', 'deprecated'],
      ['active', undefined, 'production'],
    ]);
  });

  it('keeps the latest version of each server name', async () => {
    const meta = (isLatest: boolean, publishedAt: string) => ({
      'io.modelcontextprotocol.registry/official': {
        status: 'active',
        publishedAt,
        isLatest,
      },
    });
    const base = entries[0];
    const v = (version: string, isLatest: boolean, at: string) => ({
      server: { ...base.server, version },
      _meta: meta(isLatest, at),
    });
    registry.serve([
      [
        v('0.1.0', false, '2025-01-01T00:00:00Z'),
        v('0.3.0', true, '2025-03-01T00:00:00Z'),
      ],
      [v('0.2.0', false, '2025-02-01T00:00:00Z')],
    ]);
    const { mutations } = await refreshed();
    const applied = entitiesOf(mutations[0]);
    expect(applied).toHaveLength(1);
    expect(annotation(applied[0], 'mcp-security.io/server-json')).toBe(
      `${registry.baseUrl}/v0.1/servers/ai.aliengiraffe%2Fspotdb/versions/0.3.0`,
    );
  });

  it('skips a malformed entry with a warning naming it and the JSON path', async () => {
    const broken = {
      ...entries[3],
      server: { ...entries[3].server, remotes: [{ type: 'sse' }] },
    };
    registry.serve([[entries[0], broken], [entries[4]]]);
    const { mutations, messages } = await refreshed();
    expect(entitiesOf(mutations[0])).toHaveLength(2);
    expect(messages.filter(m => m.level === 'warn')).toEqual([
      {
        level: 'warn',
        message: expect.stringContaining(
          `${entries[3].server.name} (page 1: servers[1]): page 1: servers[1].server.remotes[0].url:`,
        ),
      },
    ]);
  });

  it('keeps only the allowed namespaces', async () => {
    registry.serve(paged(entries, 15));
    const { mutations } = await refreshed({
      namespaces: ['ai.smithery', 'io.github.grafana'],
    });
    const names = entitiesOf(mutations[0]).map(d =>
      annotation(d, 'mcp-security.io/registry-name'),
    );
    expect(names).toEqual([
      'ai.smithery/DynamicEndpoints-m365-core-mcp',
      'ai.smithery/arjunkmrm-boba-tea',
      'ai.smithery/brave',
      'ai.smithery/kkjdaniel-bgg-mcp',
      'ai.smithery/sunub-obsidian-mcp-server',
      'io.github.grafana/mcp-grafana',
    ]);
  });

  it('gives names that collide after sanitising distinct entity names', async () => {
    const twin = {
      ...entries[0],
      server: { ...entries[0].server, name: 'ai.aliengiraffe-spotdb' },
    };
    registry.serve([[entries[0], twin]]);
    const { mutations } = await refreshed();
    const names = entitiesOf(mutations[0]).map(d => d.entity.metadata.name);
    expect(names[0]).not.toBe(names[1]);
    expect(names).toEqual([
      expect.stringMatching(/^ai\.aliengiraffe-spotdb-[0-9a-f]{8}$/),
      expect.stringMatching(/^ai\.aliengiraffe-spotdb-[0-9a-f]{8}$/),
    ]);
  });
});

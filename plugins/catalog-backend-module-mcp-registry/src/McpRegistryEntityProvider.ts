import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { McpRegistryProviderConfig } from './config';
import {
  assignEntityNames,
  isNewer,
  parseRegistryEntry,
  RegistryEntry,
  registryLocation,
  toEntity,
} from './mapping';
import { readRegistryPages, RegistryClientOptions } from './registryClient';

export interface McpRegistryEntityProviderOptions {
  config: McpRegistryProviderConfig;
  logger: LoggerService;
  /** Runs `refresh` on the configured schedule; omit to refresh only by hand (tests). */
  taskRunner?: SchedulerServiceTaskRunner;
  client?: Pick<
    RegistryClientOptions,
    'timeoutMs' | 'maxPageBytes' | 'pageSize'
  >;
}

/**
 * One MCP registry (v0.1 API) as catalog entities: the latest version of each
 * server name becomes an `mcp-server` API. Each refresh reads the whole list
 * and applies it as one full mutation, or applies nothing when the traversal
 * fails, so a registry outage never deletes entities.
 */
export class McpRegistryEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly logger: LoggerService;

  constructor(private readonly options: McpRegistryEntityProviderOptions) {
    this.logger = options.logger.child({
      target: this.getProviderName(),
    });
  }

  getProviderName(): string {
    return `McpRegistryEntityProvider:${this.options.config.id}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    const runner = this.options.taskRunner;
    if (!runner) return;
    await runner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          // Logged and retried on the next run: the catalog keeps what it had.
          this.logger.error(
            `Refresh from ${this.options.config.baseUrl} failed, nothing applied: ${error}`,
          );
        }
      },
    });
  }

  /** Reads the registry to the end, then replaces this provider's entities. */
  async refresh(): Promise<void> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected`);
    }
    const { config } = this.options;
    const latest = new Map<string, RegistryEntry>();
    let skipped = 0;
    let pageIndex = 0;
    for await (const page of readRegistryPages({
      ...this.options.client,
      baseUrl: config.baseUrl,
    })) {
      for (const [i, raw] of page.entries.entries()) {
        const parsed = parseRegistryEntry(
          raw,
          `page ${pageIndex + 1}: servers[${i}]`,
        );
        if (!parsed.ok) {
          skipped++;
          this.logger.warn(`Skipped a registry entry: ${parsed.reason}`);
          continue;
        }
        const { entry } = parsed;
        if (!this.isAllowed(entry.server.name)) continue;
        const current = latest.get(entry.server.name);
        if (!current || isNewer(entry, current)) {
          latest.set(entry.server.name, entry);
        }
      }
      pageIndex++;
    }
    const names = assignEntityNames(latest.keys());
    const location = registryLocation(config.baseUrl);
    await this.connection.applyMutation({
      type: 'full',
      entities: [...latest.values()].map(entry => ({
        locationKey: location,
        entity: toEntity(entry, names.get(entry.server.name)!, {
          providerId: config.id,
          baseUrl: config.baseUrl,
          owner: config.owner,
        }),
      })),
    });
    this.logger.info(
      `Read ${pageIndex} page(s) from ${config.baseUrl}: ${latest.size} server(s), ${skipped} entr(y/ies) skipped`,
    );
  }

  private isAllowed(name: string): boolean {
    const { namespaces } = this.options.config;
    if (!namespaces) return true;
    // A prefix matches whole name segments: `io.github.acme` allows
    // `io.github.acme/x` and `io.github.acme.tools/x`, not `io.github.acmecorp/x`.
    return namespaces.some(
      prefix =>
        name === prefix ||
        name.startsWith(`${prefix}/`) ||
        name.startsWith(`${prefix}.`),
    );
  }
}

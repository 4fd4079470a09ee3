import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { MCP_SECURITY_ANNOTATIONS } from '@mcp-server-operator/plugin-mcp-security-common';
import { RegistryStatusFact } from '../engine/registryStatus';

const { registryName, registryStatus, registryStatusMessage } =
  MCP_SECURITY_ANNOTATIONS;

// When several registries list a name, the gravest status counts.
const CHUNK = 50;
const REGISTRY_STATUSES = ['active', 'deprecated', 'deleted'];

const GRAVITY: Record<string, number> = { deleted: 2, deprecated: 1 };

/**
 * The registry status of registry names, read from the catalog entities the
 * registry provider keeps (those carrying `mcp-security.io/registry-status`).
 * Read with the plugin's own credentials: a status is a fact about the
 * server, whoever asks.
 */
export class RegistryStatusReader {
  constructor(
    private readonly options: { catalog: CatalogService; auth: AuthService },
  ) {}

  async statusesOf(names: string[]): Promise<Map<string, RegistryStatusFact>> {
    const facts = new Map<string, RegistryStatusFact>();
    const wanted = [...new Set(names)];
    if (wanted.length === 0) return facts;
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const items: Entity[] = [];
    // Chunked so the filter stays within a URL's length.
    for (let i = 0; i < wanted.length; i += CHUNK) {
      const response = await this.options.catalog.getEntities(
        {
          filter: {
            [`metadata.annotations.${registryName}`]: wanted.slice(
              i,
              i + CHUNK,
            ),
            [`metadata.annotations.${registryStatus}`]: REGISTRY_STATUSES,
          },
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.annotations',
          ],
        },
        { credentials },
      );
      items.push(...response.items);
    }
    for (const entity of items) {
      const annotations = entity.metadata.annotations ?? {};
      const name = annotations[registryName];
      const status = annotations[registryStatus];
      if (!name || !status) continue;
      const current = facts.get(name);
      if (current && (GRAVITY[current.status] ?? 0) >= (GRAVITY[status] ?? 0)) {
        continue;
      }
      facts.set(name, {
        status,
        message: annotations[registryStatusMessage],
        entityRef: stringifyEntityRef(entity),
      });
    }
    return facts;
  }
}

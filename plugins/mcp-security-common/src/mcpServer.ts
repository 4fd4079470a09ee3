import { Entity } from '@backstage/catalog-model';

/** The catalog `spec.type` that marks an entity as an MCP server. */
export const MCP_SERVER_SPEC_TYPE = 'mcp-server';

/**
 * Kinds that count as MCP servers unless configured otherwise: `API` is the
 * upstream convention, `Component` serves portals without the ai-model module.
 */
export const DEFAULT_MCP_SERVER_KINDS: readonly string[] = ['API', 'Component'];

/**
 * Whether an entity is an MCP server the plugin assesses. Kind and type
 * compare case-insensitively, as the catalog and the tab's filter predicate do.
 */
export function isMcpServerEntity(
  entity: Entity,
  kinds: readonly string[] = DEFAULT_MCP_SERVER_KINDS,
): boolean {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return (
    kinds.some(k => k.toLocaleLowerCase('en-US') === kind) &&
    typeof entity.spec?.type === 'string' &&
    entity.spec.type.toLocaleLowerCase('en-US') === MCP_SERVER_SPEC_TYPE
  );
}

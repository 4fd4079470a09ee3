import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';

/**
 * The mcp-security backend's path of an entity,
 * `/entities/:kind/:namespace/:name`, for every client of the backend:
 * each segment is encoded, as names may hold any character.
 */
export function entityPath(entityRef: CompoundEntityRef | string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/entities/${encodeURIComponent(kind)}/${encodeURIComponent(
    namespace,
  )}/${encodeURIComponent(name)}`;
}

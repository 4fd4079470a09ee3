import { Entity } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';

/**
 * The path of a server's MCP Security tab: its entity page and the tab's own
 * path, `/mcp-security` in both frontend systems.
 */
export function useMcpSecurityTabPath(): (
  entityOrRef: Entity | string,
) => string {
  const entityRoute = useRouteRef(entityRouteRef);
  return entityOrRef =>
    `${entityRoute(entityRouteParams(entityOrRef))}/mcp-security`;
}

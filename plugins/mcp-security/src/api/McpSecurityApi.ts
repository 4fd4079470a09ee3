import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import { Assessment } from '@mcp-server-operator/plugin-mcp-security-common';

/**
 * Reads MCP Security data from the mcp-security backend.
 *
 * @public
 */
export interface McpSecurityApi {
  /**
   * The latest assessment of an MCP server in the catalog.
   *
   * Rejects with a `ResponseError` named `NotFoundError` when the entity is
   * unknown or is not an MCP server.
   */
  getAssessment(entityRef: CompoundEntityRef | string): Promise<Assessment>;
}

/**
 * The API reference for {@link McpSecurityApi}.
 *
 * @public
 */
export const mcpSecurityApiRef = createApiRef<McpSecurityApi>().with({
  id: 'plugin.mcp-security.api',
  pluginId: 'mcp-security',
});

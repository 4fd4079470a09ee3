import { compatWrapper } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  DEFAULT_MCP_SERVER_KINDS,
  MCP_SERVER_SPEC_TYPE,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { mcpSecurityApiRef, McpSecurityClient } from './api';

const mcpSecurityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: mcpSecurityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new McpSecurityClient({ discoveryApi, fetchApi }),
    }),
});

const mcpSecurityEntityContent = EntityContentBlueprint.make({
  name: 'mcp-security',
  params: {
    path: '/mcp-security',
    title: 'MCP Security',
    // A predicate in the same syntax as the extension's `filter` config, so
    // that adopters can copy it into app-config and widen or narrow it.
    filter: {
      kind: { $in: [...DEFAULT_MCP_SERVER_KINDS] },
      'spec.type': MCP_SERVER_SPEC_TYPE,
    },
    loader: () =>
      import('./components/EntityMcpSecurityContent').then(m =>
        compatWrapper(<m.EntityMcpSecurityContent />),
      ),
  },
});

/**
 * The MCP Security plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'mcp-security',
  extensions: [mcpSecurityApi, mcpSecurityEntityContent],
});

import { Content } from '@backstage/core-components';
import {
  compatWrapper,
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  DEFAULT_MCP_SERVER_KINDS,
  MCP_SERVER_SPEC_TYPE,
} from '@mcp-server-operator/plugin-mcp-security-common';
import SecurityIcon from '@material-ui/icons/Security';
import { mcpSecurityApiRef, McpSecurityClient } from './api';
import { rootRouteRef } from './routes';

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

// The MCP Security page has no content of its own: its sections are
// sub-pages, shown as tabs (the approvals inbox now; a scorecard later), so
// that adopters can add, reorder or disable them in app-config.
const mcpSecurityPage = PageBlueprint.make({
  params: {
    path: '/mcp-security',
    title: 'MCP Security',
    icon: <SecurityIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
  },
});

const approvalsSubPage = SubPageBlueprint.make({
  name: 'approvals',
  params: {
    path: 'approvals',
    title: 'Approvals',
    loader: () =>
      import('./components/ApprovalsInbox').then(m =>
        compatWrapper(
          <Content>
            <m.ApprovalsInbox />
          </Content>,
        ),
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
  routes: convertLegacyRouteRefs({ root: rootRouteRef }),
  extensions: [
    mcpSecurityApi,
    mcpSecurityEntityContent,
    mcpSecurityPage,
    approvalsSubPage,
  ],
});

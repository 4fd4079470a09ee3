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
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
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

// A predicate in the same syntax as the extensions' `filter` config, so that
// adopters can copy it into app-config and widen or narrow it.
const mcpServerFilter = {
  kind: { $in: [...DEFAULT_MCP_SERVER_KINDS] },
  'spec.type': MCP_SERVER_SPEC_TYPE,
};

const mcpSecurityEntityContent = EntityContentBlueprint.make({
  name: 'mcp-security',
  params: {
    path: '/mcp-security',
    title: 'MCP Security',
    filter: mcpServerFilter,
    loader: () =>
      import('./components/EntityMcpSecurityContent').then(m =>
        compatWrapper(<m.EntityMcpSecurityContent />),
      ),
  },
});

// One MCP server at a glance, beside the About card of its Overview tab.
const mcpSecurityEntityCard = EntityCardBlueprint.make({
  name: 'summary',
  params: {
    type: 'info',
    filter: mcpServerFilter,
    loader: () =>
      import('./components/EntityMcpSecurityCard').then(m =>
        compatWrapper(<m.EntityMcpSecurityCard />),
      ),
  },
});

// The scorecard of the MCP servers a group owns, on the group's Overview tab.
const mcpSecurityGroupCard = EntityCardBlueprint.make({
  name: 'group-scorecard',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/EntityMcpSecurityGroupCard').then(m =>
        compatWrapper(<m.EntityMcpSecurityGroupCard />),
      ),
  },
});

// The MCP Security page has no content of its own: its sections are
// sub-pages, shown as tabs (the scorecards first, then the approvals inbox
// and the advisories), so that adopters can add, reorder or disable them in
// app-config.
const mcpSecurityPage = PageBlueprint.make({
  params: {
    path: '/mcp-security',
    title: 'MCP Security',
    icon: <SecurityIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
  },
});

const scorecardsSubPage = SubPageBlueprint.make({
  name: 'scorecards',
  params: {
    path: 'scorecards',
    title: 'Scorecards',
    loader: () =>
      import('./components/Scorecards').then(m =>
        compatWrapper(
          <Content>
            <m.Scorecards />
          </Content>,
        ),
      ),
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

const advisoriesSubPage = SubPageBlueprint.make({
  name: 'advisories',
  params: {
    path: 'advisories',
    title: 'Advisories',
    loader: () =>
      import('./components/FleetAdvisories').then(m =>
        compatWrapper(
          <Content>
            <m.FleetAdvisories />
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
    mcpSecurityEntityCard,
    mcpSecurityGroupCard,
    mcpSecurityPage,
    scorecardsSubPage,
    approvalsSubPage,
    advisoriesSubPage,
  ],
});

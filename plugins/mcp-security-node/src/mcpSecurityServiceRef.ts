import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { McpSecurityClient, McpSecurityService } from './McpSecurityClient';

/**
 * The mcp-security backend as a service for other plugins' modules, such as
 * Tech Insights fact retrievers or Scorecard metric providers.
 *
 * @public
 */
export const mcpSecurityServiceRef = createServiceRef<McpSecurityService>({
  id: 'mcp-security.client',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      factory: ({ discovery, auth }) =>
        new McpSecurityClient({ discovery, auth }),
    }),
});

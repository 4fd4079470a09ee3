import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { McpSecurityBackendClient } from './McpSecurityBackendClient';
import { createOpenChangeAction } from './actions/openChange';
import { createRenderDeploymentAction } from './actions/renderDeployment';
import { createRegisterServerAction } from './actions/registerServer';

/**
 * The MCP Security scaffolder actions, for templates that deploy, register
 * and change MCP servers. They call the mcp-security backend as the user who
 * runs the template.
 *
 * @public
 */
export const scaffolderModuleMcpSecurity = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'mcp-security',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolderActions, discovery, auth }) {
        const client = new McpSecurityBackendClient({ discovery, auth });
        scaffolderActions.addActions(
          createRegisterServerAction({ client }),
          createOpenChangeAction({ client }),
          createRenderDeploymentAction({ client }),
        );
      },
    });
  },
});

import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { templateExample } from './templateExample';

export const examples: TemplateExample[] = [
  templateExample(
    'Register an npm stdio server, building its server.json from the package',
    {
      id: 'register',
      action: 'mcp-security:register-server',
      name: 'Describe the MCP server',
      input: {
        name: 'orders-mcp',
        title: 'Orders MCP server',
        description: 'Lets assistants look up and refund customer orders.',
        owner: 'group:default/payments-team',
        system: 'payments-platform',
        lifecycle: 'experimental',
        registryName: 'io.github.acme/orders-mcp',
        repositoryUrl: 'https://github.com/acme/orders-mcp',
        package: {
          registryType: 'npm',
          identifier: '@acme/orders-mcp',
          version: '1.4.2',
        },
        context: {
          deploymentContext: 'production',
          exposure: 'internal',
          dataClassification: 'confidential',
          capabilities: ['database-read', 'financial-transactions'],
          isolation: 'container',
          auth: 'oauth2',
        },
      },
    },
  ),
  templateExample(
    'Register a hosted (remote) server from a server.json pasted into the form',
    {
      id: 'register',
      action: 'mcp-security:register-server',
      name: 'Describe the MCP server',
      input: {
        name: '${{ parameters.name }}',
        description: '${{ parameters.description }}',
        owner: '${{ parameters.owner }}',
        serverJson: '${{ parameters.serverJson }}',
        context: {
          deploymentContext: 'internal',
          exposure: 'internet',
          dataClassification: 'internal',
          auth: 'oauth2',
        },
      },
    },
  ),
  templateExample('Write the files into a sub-folder of the workspace', {
    id: 'register',
    action: 'mcp-security:register-server',
    name: 'Describe the MCP server',
    input: {
      name: 'docs-search',
      description: 'Read-only search over the internal handbook.',
      owner: 'group:default/developer-experience',
      targetPath: 'mcp/docs-search',
      registryName: 'io.github.acme/docs-search',
      version: '2.0.0',
      remote: {
        type: 'streamable-http',
        url: 'https://mcp.acme.example/docs-search',
      },
      context: {
        deploymentContext: 'internal',
        exposure: 'internal',
        dataClassification: 'internal',
        capabilities: ['read-only-api'],
        auth: 'oauth2',
      },
    },
  }),
];

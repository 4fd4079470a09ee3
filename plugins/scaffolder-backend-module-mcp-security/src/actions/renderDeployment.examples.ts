import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { templateExample } from './templateExample';

const step = (input: object) => ({
  id: 'render',
  action: 'mcp-security:render-deployment',
  name: 'Render a hardened deployment',
  input,
});

export const examples: TemplateExample[] = [
  templateExample(
    'Render every file that applies to a catalog MCP server.',
    step({ entityRef: 'api:default/filesystem' }),
  ),
  templateExample(
    'Render for a catalog server with facts that differ from its entity, e.g. for a production rollout; the action logs each difference so the owner can update the annotations.',
    step({
      entityRef: 'api:default/terraform',
      context: {
        deploymentContext: 'production',
        exposure: 'internal',
        egressAllowlist: ['app.terraform.io', 'registry.terraform.io'],
      },
      targets: ['compose'],
      targetPath: 'deploy',
    }),
  ),
  templateExample(
    'Assess and render a server that is not in the catalog yet, from its server.json and the facts of where it will run.',
    step({
      serverJson: {
        name: 'io.github.example/weather',
        description: 'Weather forecasts',
        version: '1.4.2',
        packages: [
          {
            registryType: 'oci',
            identifier: 'ghcr.io/example/weather-mcp:1.4.2',
            transport: { type: 'streamable-http' },
          },
        ],
      },
      context: {
        deploymentContext: 'internal',
        exposure: 'internal',
        dataClassification: 'public',
        capabilities: ['network-egress', 'read-only-api'],
        auth: 'oauth2',
        egressAllowlist: ['api.weather.example'],
      },
      namespace: 'mcp-weather',
    }),
  ),
  templateExample(
    "Use the template's parameters: the server picked in the form and the folder to write to.",
    step({
      entityRef: '${{ parameters.server }}',
      targetPath: '${{ parameters.folder }}',
      targets: ['dockerfile', 'compose'],
    }),
  ),
];

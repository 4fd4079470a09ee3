import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { templateExample } from './templateExample';

export const examples: TemplateExample[] = [
  templateExample('Open and submit a change request for a new deployment', {
    id: 'change',
    action: 'mcp-security:open-change',
    name: 'Request approval',
    input: {
      entityRef: 'api:default/filesystem',
      changeType: 'code-deployment',
      title: 'Deploy filesystem 0.6.3 in a container',
      description:
        'Runs the server in a read-only container with only /srv/shared mounted.',
      rollbackPlan: 'Redeploy the previous manifest with kubectl apply.',
      plannedStart: '2026-03-02T09:00:00Z',
    },
  }),
  templateExample('Leave the change request as a draft to complete in the UI', {
    id: 'change',
    action: 'mcp-security:open-change',
    name: 'Draft a change request',
    input: {
      entityRef: '${{ parameters.entityRef }}',
      changeType: 'configuration-change',
      title: 'Restrict egress to the API host',
      description: '${{ parameters.description }}',
      rollbackPlan: 'Remove the egress policy.',
      submit: false,
    },
  }),
];

import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

/** An action's example as upstream writes them: a template's `steps` with one step. */
export function templateExample(
  description: string,
  step: { id: string; action: string; name: string; input: object },
): TemplateExample {
  return { description, example: stringify({ steps: [step] }) };
}

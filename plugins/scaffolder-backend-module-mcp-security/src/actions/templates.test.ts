import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { createRenderDeploymentAction } from './renderDeployment';

/** The repository's templates and built-in knowledge base, as the backend and the Create page read them. */
const ROOT = resolve(__dirname, '../../../..');
const template = (name: string) =>
  parse(
    readFileSync(
      resolve(ROOT, 'examples/templates', name, 'template.yaml'),
      'utf8',
    ),
  );
const builtInChangeTypes: string[] = parse(
  readFileSync(
    resolve(ROOT, 'knowledge/change-types/change-types.yaml'),
    'utf8',
  ),
).changeTypes.map((t: { id: string }) => t.id);

/** A parameter's schema, wherever the form's steps and branches put it. */
function field(spec: any, name: string): any {
  const found: any[] = [];
  const visit = (node: any) => {
    if (!node || typeof node !== 'object') return;
    if (node.properties?.[name]?.type) found.push(node.properties[name]);
    Object.values(node).forEach(visit);
  };
  visit(spec.spec.parameters);
  expect(found).not.toHaveLength(0);
  return found[0];
}

/** A step's input as written in the template, before it is rendered. */
const stepInput = (spec: any, id: string) =>
  spec.spec.steps.find((s: { id: string }) => s.id === id).input;

describe('the example templates', () => {
  it('offers change types only as suggestions: the knowledge base, which organisations extend, owns them', () => {
    const changeType = field(template('open-mcp-change'), 'changeType');
    expect(changeType.enum).toBeUndefined();
    expect(changeType.description).toMatch(/knowledge base/);
    expect(builtInChangeTypes).toEqual(
      expect.arrayContaining([...changeType.examples, changeType.default]),
    );
    // The deployment's are a chosen few of the built-in ones.
    expect(builtInChangeTypes).toEqual(
      expect.arrayContaining(
        field(template('deploy-mcp-server'), 'changeType').enum,
      ),
    );
  });

  it('limits the namespace as the action does: a DNS label of at most 63 characters', () => {
    expect(field(template('deploy-mcp-server'), 'namespace')).toMatchObject({
      maxLength: 63,
      pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
    });
  });

  it.each([
    ['register-mcp-server', 'register-server', 'title'],
    ['open-mcp-change', 'open-change', 'plannedStart'],
    ['deploy-mcp-server', 'open-change', 'plannedStart'],
  ])(
    '%s leaves the optional %s input %s out when the form leaves it empty',
    (name, step, input) => {
      expect(stepInput(template(name), step)[input]).toBe(
        `\${{ parameters.${input} if parameters.${input} else undefined }}`,
      );
    },
  );
});

describe('render-deployment input schema', () => {
  it('refuses a target other than those it renders before the handler runs', () => {
    const action = createRenderDeploymentAction({ client: {} as any });
    const targets = (action.schema?.input as any).properties.targets;
    expect(targets.items.enum).toEqual(['dockerfile', 'compose', 'kubernetes']);
  });
});

import Ajv from 'ajv';
import { parse } from 'yaml';
import { createRenderDeploymentAction } from './renderDeployment';

describe('mcp-security:render-deployment examples', () => {
  const action = createRenderDeploymentAction({ client: {} as any });
  const validate = new Ajv({ strict: false }).compile(action.schema!.input!);

  it('has examples', () => {
    expect(action.examples!.length).toBeGreaterThanOrEqual(3);
  });

  it.each(action.examples!.map(e => [e.description, e.example] as const))(
    '"%s" is a step of this action whose input matches its schema',
    (_, example) => {
      const { steps } = parse(example);
      expect(steps).toHaveLength(1);
      expect(steps[0].action).toBe(action.id);
      expect({
        valid: validate(steps[0].input),
        errors: validate.errors ?? null,
      }).toEqual({
        valid: true,
        errors: null,
      });
    },
  );

  it('the schema refuses what the handler would refuse', () => {
    expect(
      validate({
        entityRef: 'api:default/x',
        context: { exposure: 'everywhere' },
      }),
    ).toBe(false);
    expect(validate({ entityRef: 'api:default/x', targets: ['helm'] })).toBe(
      false,
    );
    expect(validate({ entityRef: 'api:default/x', unknown: true })).toBe(false);
  });
});

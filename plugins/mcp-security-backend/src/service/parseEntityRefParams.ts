import { CompoundEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';

// The catalog's own limits for kinds, namespaces and names.
const part = z
  .string()
  .min(1)
  .max(253)
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/,
    'must be letters, digits, ".", "_" or "-"',
  );

const entityRefParamsSchema = z.object({
  kind: part,
  namespace: part,
  name: part,
});

/** Reads `:kind/:namespace/:name` route parameters, naming the bad one. */
export function parseEntityRefParams(params: unknown): CompoundEntityRef {
  const parsed = entityRefParamsSchema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid entity reference: ${issue.path.join('.')} ${issue.message}`,
    );
  }
  return parsed.data;
}

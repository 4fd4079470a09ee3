import { z as zv3 } from 'zod/v3';
import { InputError } from '@backstage/errors';
import {
  AdviseContext,
  adviseContextSchema,
  authSchema,
  capabilitySchema,
  dataClassificationSchema,
  deploymentContextSchema,
  exposureSchema,
  isolationSchema,
} from '@mcp-server-operator/plugin-mcp-security-common';

/** A zod v4 enum's values as the tuple the scaffolder's zod v3 `z.enum` takes. */
export function enumValues<T extends string>(schema: {
  options: readonly T[];
}): [T, ...T[]] {
  return schema.options as unknown as [T, ...T[]];
}

/**
 * The `context` input of an action: the facts of AdviseContext, with the
 * same names and vocabularies, in the scaffolder's zod v3.
 */
export function adviseContextInput(z: typeof zv3, description: string) {
  return z
    .object(
      {
        deploymentContext: z
          .enum(enumValues(deploymentContextSchema))
          .optional(),
        exposure: z.enum(enumValues(exposureSchema)).optional(),
        dataClassification: z
          .enum(enumValues(dataClassificationSchema))
          .optional(),
        capabilities: z.array(z.enum(enumValues(capabilitySchema))).optional(),
        isolation: z.enum(enumValues(isolationSchema)).optional(),
        auth: z.enum(enumValues(authSchema)).optional(),
        egressAllowlist: z.array(z.string().min(1)).optional(),
      },
      { description },
    )
    .strict();
}

/**
 * The declared facts, checked against the vocabulary the backend uses;
 * an InputError names the fact at fault (`context.exposure: …`).
 */
export function parseAdviseContext(context: unknown): AdviseContext {
  const parsed = adviseContextSchema.safeParse(context ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`context.${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

import { InputError } from '@backstage/errors';
import { changeStateSchema } from '@mcp-server-operator/plugin-mcp-security-common';
import { z } from 'zod';
import { jsonLimitProblem } from '../lib/jsonLimits';

/**
 * Validates a request part with zod; the error names every bad field by its
 * path. Size and nesting limits are checked first, so zod and everything
 * after it only ever see documents of bounded size.
 */
export function parseRequest<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
): T {
  const tooLarge = jsonLimitProblem(value, what);
  if (tooLarge) {
    throw new InputError(`Invalid ${what}: ${tooLarge}`);
  }
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      issue => `${issue.path.join('.') || what}: ${issue.message}`,
    );
    throw new InputError(`Invalid ${what}: ${problems.join('; ')}`);
  }
  return parsed.data;
}

export const historyQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(1000).default(100) })
  .strict();

export const completionsQuerySchema = z
  .object({
    taskId: z.string().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

export const changesQuerySchema = z
  .object({
    state: z
      .union([changeStateSchema, z.array(changeStateSchema)])
      .transform(v => (Array.isArray(v) ? v : [v]))
      .optional(),
    entityRef: z.string().min(1).optional(),
    /** `me`: only changes waiting for the caller's vote. */
    awaiting: z.literal('me').optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();

export const scorecardsQuerySchema = z
  .object({ groupBy: z.enum(['owner', 'system', 'domain']).default('owner') })
  .strict();

export const trendQuerySchema = z
  .object({
    groupBy: z.enum(['owner', 'system', 'domain']).default('owner'),
    days: z.coerce.number().int().min(1).max(366).default(30),
  })
  .strict();

/** An `Idempotency-Key` header: retries of one request send the same key. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, 'must be 1 to 200 visible ASCII characters');
export const advisoriesQuerySchema = z
  .object({
    /** `true`: only malicious packages; `false`: only vulnerabilities. */
    malicious: z
      .enum(['true', 'false'])
      .transform(v => v === 'true')
      .optional(),
  })
  .strict();

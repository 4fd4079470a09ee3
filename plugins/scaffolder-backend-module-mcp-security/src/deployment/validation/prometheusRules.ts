import { z } from 'zod';

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;
const labels = z.record(
  z.string().regex(LABEL, 'is not a valid label name'),
  z.string(),
);

/** The structure of a Prometheus rule file (alerting rules), as promtool checks it. */
export const ruleFileSchema = z
  .object({
    groups: z
      .array(
        z
          .object({
            name: z.string().min(1),
            rules: z
              .array(
                z
                  .object({
                    alert: z.string().regex(NAME, 'is not a valid alert name'),
                    expr: z.string().min(1),
                    for: z
                      .string()
                      .regex(DURATION, 'is not a Prometheus duration')
                      .optional(),
                    labels: labels.optional(),
                    annotations: labels.optional(),
                  })
                  .strict(),
              )
              .min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

function balanced(expr: string): boolean {
  let depth = 0;
  for (const char of expr.replace(/"[^"]*"/g, '""')) {
    if (char === '(' || char === '{' || char === '[') depth++;
    if (char === ')' || char === '}' || char === ']') depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** The problems of a rule file; empty when it is valid. */
export function ruleFileErrors(rules: unknown): string[] {
  const parsed = ruleFileSchema.safeParse(rules);
  if (!parsed.success) {
    return parsed.error.issues.map(
      i => `rules.${i.path.join('.')}: ${i.message}`,
    );
  }
  const errors: string[] = [];
  const groups = parsed.data.groups.map(g => g.name);
  if (new Set(groups).size !== groups.length)
    errors.push('rules: group names repeat');
  for (const group of parsed.data.groups) {
    for (const rule of group.rules) {
      if (!balanced(rule.expr))
        errors.push(`rules ${rule.alert}: unbalanced brackets in expr`);
    }
  }
  return errors;
}

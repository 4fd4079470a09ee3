import { parseFilterPredicate } from '@backstage/filter-predicates';
import { fieldSpec } from './conditionFacts';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Checks a condition beyond its syntax: every field must be a condition fact,
 * every value one that fact can take, and lists must be tested with
 * `$contains`. Returns the problems, each with its path inside the condition.
 */
export function validateCondition(condition: unknown): string[] {
  try {
    parseFilterPredicate(condition);
  } catch (error) {
    return [(error as Error).message];
  }
  const problems: string[] = [];

  const checkValue = (field: string, value: Json, path: string) => {
    const spec = fieldSpec(field)!;
    const allowed = 'values' in spec ? spec.values : undefined;
    const checkScalar = (v: Json, at: string) => {
      if (spec.kind === 'boolean' && typeof v !== 'boolean') {
        problems.push(
          `${at}: ${field} is true or false, not ${JSON.stringify(v)}`,
        );
      } else if (
        allowed &&
        // Equality ignores case in the predicate engine, so it does here too.
        !(
          typeof v === 'string' &&
          allowed.some(a => a.toLowerCase() === v.toLowerCase())
        )
      ) {
        problems.push(
          `${at}: ${JSON.stringify(
            v,
          )} is not a value of ${field} (${allowed.join(', ')})`,
        );
      }
    };
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const [operator] = Object.keys(value);
      const operand = (value as Record<string, Json>)[operator];
      if (operator === '$contains') {
        if (spec.kind !== 'list') {
          problems.push(
            `${path}: $contains needs a list field; ${field} is not one`,
          );
        } else {
          checkScalar(operand, `${path}.$contains`);
        }
      } else if (operator === '$in') {
        if (spec.kind === 'list') {
          problems.push(`${path}: ${field} is a list; test it with $contains`);
        }
        (operand as Json[]).forEach((v, i) =>
          checkScalar(v, `${path}.$in[${i}]`),
        );
      } else if (operator === '$hasPrefix' && spec.kind !== 'string') {
        problems.push(
          `${path}: $hasPrefix needs a text field; ${field} is not one`,
        );
      }
      return;
    }
    if (spec.kind === 'list') {
      problems.push(`${path}: ${field} is a list; test it with $contains`);
      return;
    }
    checkScalar(value, path);
  };

  const walk = (node: Json, path: string) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) {
      problems.push(`${path}: a condition must be an object of fields`);
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      const at = path ? `${path}.${key}` : key;
      if (key === '$all' || key === '$any') {
        (value as Json[]).forEach((item, i) => walk(item, `${at}[${i}]`));
      } else if (key === '$not') {
        walk(value, at);
      } else if (!fieldSpec(key)) {
        problems.push(`${at}: unknown field "${key}"`);
      } else {
        checkValue(key, value, at);
      }
    }
  };
  walk(condition as Json, '');
  return problems;
}

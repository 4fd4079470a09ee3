import { ResponseError } from '@backstage/errors';

/** Whether the backend refused a request because a permission is missing. */
export function isDenied(error: unknown): boolean {
  return error instanceof ResponseError && error.statusCode === 403;
}

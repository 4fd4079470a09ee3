import { createHash } from 'node:crypto';
import { McpServerProfile } from '@mcp-server-operator/plugin-mcp-security-common';

/** JSON with sorted keys, so two equal profiles always hash alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter(key => (value as Record<string, unknown>)[key] !== undefined)
      .map(
        key =>
          `${JSON.stringify(key)}:${canonical(
            (value as Record<string, unknown>)[key],
          )}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A fingerprint of everything the engine reads, to skip re-assessing unchanged servers. */
export function profileHash(profile: McpServerProfile): string {
  return createHash('sha256').update(canonical(profile)).digest('hex');
}

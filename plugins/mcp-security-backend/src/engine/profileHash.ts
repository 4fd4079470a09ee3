import { createHash } from 'node:crypto';
import { McpServerProfile } from '@mcp-server-operator/plugin-mcp-security-common';

/** JSON with sorted keys, so two equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter(key => (value as Record<string, unknown>)[key] !== undefined)
      .map(
        key =>
          `${JSON.stringify(key)}:${canonicalJson(
            (value as Record<string, unknown>)[key],
          )}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A fingerprint of everything the engine reads, to skip re-assessing unchanged servers. */
export function profileHash(profile: McpServerProfile): string {
  return createHash('sha256').update(canonicalJson(profile)).digest('hex');
}

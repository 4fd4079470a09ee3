import { createHash } from 'node:crypto';

/**
 * A fingerprint for a finding whose report has none, from the parts that
 * identify it across runs (rule, tool name, location), never the message,
 * which tools reword between versions.
 */
export function derivedFingerprint(...parts: (string | undefined)[]): string {
  return createHash('sha256')
    .update(JSON.stringify(parts.map(p => p ?? '')))
    .digest('hex')
    .slice(0, 32);
}

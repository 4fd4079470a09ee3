import { Lookalike } from '@mcp-server-operator/plugin-mcp-security-common';
import { RiskModel } from '../knowledge/schema';

type OfficialServer = RiskModel['provenance']['officialServers'][number];

/**
 * A name reduced to what a reader sees: lower case, no accents, and the
 * characters that pass for one another (0/o, 1/l/i, rn/m, vv/w) made one.
 */
export function skeleton(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('en-US')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/[0]/g, 'o')
    .replace(/[1i|]/g, 'l')
    .replace(/3/g, 'e')
    .replace(/5/g, 's')
    .replace(/[_.\s]/g, '-');
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/** The part of a name that says whose it is: `postmark` of `postmark-mcp-server`. */
export function distinctivePart(name: string): string {
  const stripped = skeleton(name)
    .split('-')
    .filter(word => !['mcp', 'server', 'servers', 'mcpserver'].includes(word))
    .join('-');
  return stripped || skeleton(name);
}

/**
 * Close enough to be mistaken for the other: the whole name a typo or a
 * homoglyph away, one typo per six characters of its distinctive part. Naming
 * a connector after the service it reaches (`supabase`) is not imitating the
 * vendor's server name (`supabase-mcp`).
 */
function confusable(candidate: string, original: string): boolean {
  const distinctive = distinctivePart(original);
  const allowed =
    distinctive.length < 5
      ? 0
      : Math.max(1, Math.floor(distinctive.length / 6));
  return editDistance(skeleton(candidate), skeleton(original)) <= allowed;
}

/** `@scope/name` → `name`; `ghcr.io/owner/name:tag` → `name`; PyPI and plain npm names stay. */
export function baseName(identifier: string): string {
  const withoutTag = identifier.replace(/(@sha256:.*|:[^/:]*)$/, '');
  return withoutTag.slice(withoutTag.lastIndexOf('/') + 1);
}

/** The brand a namespace names: `stripe` for `com.stripe` and for `io.github.stripe`. */
function brandOf(namespace: string): string {
  return namespace.startsWith('io.github.')
    ? namespace.slice('io.github.'.length)
    : namespace.split('.')[1] ?? namespace;
}

/**
 * Names, package identifiers and namespaces that imitate a vendor's official
 * server without being published by the vendor: the same name under another
 * scope, a typo or a homoglyph away from it.
 */
export function lookalikesOf(
  subject: { namespace?: string; serverName?: string; packages: string[] },
  officialServers: OfficialServer[],
): Lookalike[] {
  const namespace = subject.namespace?.toLocaleLowerCase('en-US');
  // A publisher named after its own brand (postman for com.postman) is not imitating another.
  const ownBrand = namespace ? distinctivePart(brandOf(namespace)) : undefined;
  const found: Lookalike[] = [];
  for (const official of officialServers) {
    if (namespace && official.namespaces.includes(namespace)) continue;
    // Re-publishing the vendor's own package is not an imitation of it.
    const candidates = [
      ...(subject.serverName ? [subject.serverName] : []),
      ...subject.packages.filter(p => !official.packages.includes(p)),
    ].filter(c => distinctivePart(baseName(c)) !== ownBrand);
    let evidence: string | undefined;
    for (const candidate of candidates) {
      const nearPackage = official.packages.find(o => confusable(candidate, o));
      const nearName = official.names.find(o =>
        confusable(baseName(candidate), o),
      );
      const original = nearPackage ?? nearName;
      if (original) {
        const same =
          skeleton(baseName(candidate)) === skeleton(baseName(original));
        evidence = `${candidate} ${
          same ? 'takes the name of' : 'is a near-copy of'
        } ${original}, which ${official.vendor} publishes as ${
          official.namespaces[0]
        }`;
        break;
      }
    }
    if (!evidence && namespace) {
      const owner = brandOf(namespace);
      const imitated = official.namespaces.find(n => {
        const theirs = brandOf(n);
        return theirs !== owner && confusable(owner, theirs);
      });
      if (imitated) {
        evidence = `the namespace ${namespace} is a near-copy of ${imitated}, ${official.vendor}'s own`;
      }
    }
    if (evidence) {
      found.push({
        vendor: official.vendor,
        official: official.namespaces[0],
        evidence,
      });
    }
  }
  return found;
}

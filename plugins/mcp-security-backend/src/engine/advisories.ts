import {
  AdvisoryMatch,
  AdvisorySeverity,
  McpServerProfile,
  PackageProfile,
} from '@mcp-server-operator/plugin-mcp-security-common';
import semver from 'semver';
import { OsvAffected, OsvRange, OsvRecord } from '../advisories/osvRecord';
import { isExactVersion } from '../profile/versions';
import { cvss3BaseScore, severityOfScore } from './cvss';
import { comparePep440, isPep440 } from './pep440';

/** OSV ecosystem names of the server.json registry types that have one. */
const ECOSYSTEMS: Record<string, string> = {
  npm: 'npm',
  pypi: 'PyPI',
  nuget: 'NuGet',
};

/** Package names as each ecosystem compares them (PyPI per PEP 503, NuGet ignoring case). */
function normalisedName(ecosystem: string, name: string): string {
  if (ecosystem === 'PyPI') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (ecosystem === 'NuGet') return name.toLowerCase();
  return name;
}

const keyOf = (ecosystem: string, name: string) =>
  `${ecosystem}:${normalisedName(ecosystem, name)}`;

/** Advisories by package, for matching; built once per load. */
export type AdvisoryIndex = ReadonlyMap<string, OsvRecord[]>;

/**
 * Indexes records by the packages they affect. A record seen twice keeps its
 * latest `modified`; withdrawn records are left out.
 */
export function indexAdvisories(records: OsvRecord[]): AdvisoryIndex {
  const byId = new Map<string, OsvRecord>();
  for (const record of records) {
    const seen = byId.get(record.id);
    if (!seen || seen.modified < record.modified) byId.set(record.id, record);
  }
  const index = new Map<string, OsvRecord[]>();
  for (const record of byId.values()) {
    if (record.withdrawn) continue;
    const keys = new Set(
      (record.affected ?? []).flatMap(a =>
        a.package ? [keyOf(a.package.ecosystem, a.package.name)] : [],
      ),
    );
    for (const key of keys) {
      const list = index.get(key);
      if (list) list.push(record);
      else index.set(key, [record]);
    }
  }
  return index;
}

function isMalicious(record: OsvRecord): boolean {
  return [record.id, ...(record.aliases ?? [])].some(id =>
    id.startsWith('MAL-'),
  );
}

/** One affected interval of a range: from `introduced` up to `fixed` (excluded) or `lastAffected` (included). */
interface Interval {
  introduced: string;
  fixed?: string;
  lastAffected?: string;
}

const ZERO = '0';

/** How an ecosystem orders its versions: semver for npm, PEP 440 for PyPI. */
interface Ordering {
  valid(version: string): boolean;
  compare(a: string, b: string): number;
}

const ORDERINGS: Record<string, Ordering> = {
  npm: {
    valid: v => semver.valid(v, { loose: true }) !== null,
    compare: (a, b) => semver.compare(a, b, { loose: true }),
  },
  PyPI: { valid: isPep440, compare: comparePep440 },
};

/** OSV's "0" stands for the first version of any ecosystem. */
const isBound = (order: Ordering, v: string) => v === ZERO || order.valid(v);

const hasBounds = (order: Ordering, interval: Interval) =>
  Object.values(interval).every(v => isBound(order, v));

function compare(order: Ordering, a: string, b: string): number {
  if (a === b) return 0;
  if (a === ZERO) return -1;
  if (b === ZERO) return 1;
  return order.compare(a, b);
}

/**
 * The intervals of a range. Where the ecosystem has an ordering, events are
 * put in version order first, as the OSV evaluation requires; otherwise
 * they keep the record's order.
 */
function intervalsOf(range: OsvRange, order?: Ordering): Interval[] {
  const versionOf = (e: OsvRange['events'][number]) => Object.values(e)[0];
  const events =
    order && range.events.every(e => isBound(order, versionOf(e)))
      ? [...range.events].sort((a, b) =>
          compare(order, versionOf(a), versionOf(b)),
        )
      : range.events;
  const intervals: Interval[] = [];
  let open: Interval | undefined;
  for (const event of events) {
    if ('introduced' in event) {
      open ??= { introduced: event.introduced };
    } else if (open && 'fixed' in event) {
      intervals.push({ ...open, fixed: event.fixed });
      open = undefined;
    } else if (open && 'last_affected' in event) {
      intervals.push({ ...open, lastAffected: event.last_affected });
      open = undefined;
    }
  }
  if (open) intervals.push(open);
  return intervals;
}

function rangeText(interval: Interval): string {
  const bounds: string[] = [];
  if (interval.introduced !== ZERO) bounds.push(`>=${interval.introduced}`);
  if (interval.fixed) bounds.push(`<${interval.fixed}`);
  if (interval.lastAffected) bounds.push(`<=${interval.lastAffected}`);
  return bounds.join(' ') || 'every version';
}

/** Whether the interval holds the version; an interval with a bound the ordering cannot read holds nothing. */
function contains(order: Ordering, interval: Interval, version: string) {
  if (!hasBounds(order, interval)) return false;
  if (compare(order, version, interval.introduced) < 0) return false;
  if (interval.fixed) return compare(order, version, interval.fixed) < 0;
  if (interval.lastAffected) {
    return compare(order, version, interval.lastAffected) <= 0;
  }
  return true;
}

/** An npm interval as a semver range, to intersect with a declared range such as `^1.0.0`. */
function asSemverRange(interval: Interval): string {
  const from =
    interval.introduced === ZERO ? '>=0.0.0-0' : `>=${interval.introduced}`;
  if (interval.fixed) return `${from} <${interval.fixed}`;
  if (interval.lastAffected) return `${from} <=${interval.lastAffected}`;
  return from;
}

const isOpenEnded = (interval: Interval) =>
  !interval.fixed && !interval.lastAffected;

/**
 * The record's severity: GitHub's stated one where given, else the rating of
 * its first CVSS 3 vector (CVSS 4 vectors are not scored here).
 */
function severityOf(record: OsvRecord): AdvisorySeverity | undefined {
  const stated = record.database_specific?.severity;
  if (typeof stated === 'string') {
    const value =
      stated.toLowerCase() === 'medium' ? 'moderate' : stated.toLowerCase();
    return (['low', 'moderate', 'high', 'critical'] as const).find(
      s => s === value,
    );
  }
  for (const { type, score } of record.severity ?? []) {
    const base =
      type === 'CVSS_V3' && typeof score === 'string'
        ? cvss3BaseScore(score)
        : undefined;
    if (base !== undefined) return severityOfScore(base);
  }
  return undefined;
}

function urlOf(record: OsvRecord): string {
  const refs = record.references ?? [];
  return (
    refs.find(r => r.type === 'ADVISORY')?.url ??
    refs.find(r => r.type === 'WEB' || r.type === 'ARTICLE')?.url ??
    `https://osv.dev/vulnerability/${record.id}`
  );
}

interface AffectedVerdict {
  certainty: AdvisoryMatch['certainty'];
  affectedRange: string;
  fixedVersion?: string;
  because: string;
}

/** Whether one `affected` entry covers the package as it is run, and why. */
function judge(
  affected: OsvAffected,
  ecosystem: string,
  pkg: PackageProfile,
): AffectedVerdict | undefined {
  const order = ORDERINGS[ecosystem];
  const intervals = (affected.ranges ?? [])
    .filter(r => r.type !== 'GIT')
    .flatMap(r => intervalsOf(r, order));
  const listed = affected.versions ?? [];
  const affectedRange = [
    ...intervals.map(rangeText),
    ...(intervals.length === 0 && listed.length > 0
      ? [`versions ${listed.join(', ')}`]
      : []),
  ].join(', ');
  const fixes = intervals.flatMap(i => (i.fixed ? [i.fixed] : []));
  const label = `${pkg.identifier}${pkg.version ? `@${pkg.version}` : ''}`;
  const version = pkg.version?.replace(/^v/, '');

  // An exact version by the ecosystem's own rules (`2025.9.25rc1` is one for PyPI).
  const exact =
    version && (order ? order.valid(version) : isExactVersion(version));
  if (version && exact) {
    if (listed.includes(version)) {
      const fixedVersion = order
        ? fixes.find(f => order.valid(f) && compare(order, f, version) > 0)
        : fixes[0];
      return {
        certainty: 'affected',
        affectedRange,
        fixedVersion,
        because: `${label} is listed among the affected versions`,
      };
    }
    // Without an ordering (NuGet here), the listed versions decide alone.
    if (!order) return undefined;
    const hit = intervals.find(i => contains(order, i, version));
    if (!hit) return undefined;
    return {
      certainty: 'affected',
      affectedRange,
      fixedVersion: hit.fixed,
      because: `${label} is in the affected range ${rangeText(hit)}`,
    };
  }

  const declaredRange =
    ecosystem === 'npm' && version && version !== 'latest'
      ? semver.validRange(version, { loose: true })
      : null;
  const possible = declaredRange
    ? intervals.find(
        i =>
          hasBounds(order, i) &&
          semver.intersects(declaredRange, asSemverRange(i), { loose: true }),
      )
    : intervals.find(isOpenEnded);
  if (!possible) return undefined;
  return {
    certainty: 'possible',
    affectedRange,
    fixedVersion: possible.fixed,
    because: `${label} is not pinned and may resolve to an affected version (${rangeText(
      possible,
    )})`,
  };
}

/**
 * The advisories that match the packages a server runs. Pure: the same
 * packages and index always give the same matches, in a stable order.
 */
export function matchAdvisories(
  packages: PackageProfile[],
  index: AdvisoryIndex,
): AdvisoryMatch[] {
  const matches: AdvisoryMatch[] = [];
  for (const pkg of packages) {
    const ecosystem = ECOSYSTEMS[pkg.registryType];
    if (!ecosystem) continue;
    const key = keyOf(ecosystem, pkg.identifier);
    for (const record of index.get(key) ?? []) {
      const verdicts = (record.affected ?? [])
        .filter(
          a => a.package && keyOf(a.package.ecosystem, a.package.name) === key,
        )
        .flatMap(a => {
          const verdict = judge(a, ecosystem, pkg);
          return verdict ? [verdict] : [];
        });
      const verdict =
        verdicts.find(v => v.certainty === 'affected') ?? verdicts[0];
      if (!verdict) continue;
      const malicious = isMalicious(record);
      const severity = severityOf(record);
      const summary =
        record.summary ??
        record.details?.split('\n').find(Boolean) ??
        record.id;
      matches.push({
        advisoryId: record.id,
        aliases: record.aliases ?? [],
        malicious,
        summary,
        ...(severity ? { severity } : {}),
        package: {
          ecosystem,
          name: pkg.identifier,
          ...(pkg.version ? { version: pkg.version } : {}),
        },
        affectedRange: verdict.affectedRange,
        ...(verdict.fixedVersion ? { fixedVersion: verdict.fixedVersion } : {}),
        certainty: verdict.certainty,
        reason: `${verdict.because} of ${record.id}${
          malicious ? ', a malicious package' : ''
        }${verdict.fixedVersion ? `; fixed in ${verdict.fixedVersion}` : ''}`,
        url: urlOf(record),
      });
    }
  }
  return matches.sort(
    (a, b) =>
      Number(b.malicious) - Number(a.malicious) ||
      a.package.name.localeCompare(b.package.name) ||
      a.advisoryId.localeCompare(b.advisoryId),
  );
}

/** The profile with the advisories its packages match; unchanged (and so hashed alike) when none do. */
export function withAdvisories(
  profile: McpServerProfile,
  index: AdvisoryIndex,
): McpServerProfile {
  const advisories = matchAdvisories(profile.packages, index);
  return advisories.length > 0 ? { ...profile, advisories } : profile;
}

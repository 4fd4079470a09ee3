import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import {
  ScorecardCriterion,
  ScorecardGroupBy,
} from '@mcp-server-operator/plugin-mcp-security-common';

/** The groupings of the scorecards, in the order the switch shows them. */
export const groupings: {
  id: ScorecardGroupBy;
  label: string;
  /** One group, as a column title. */
  title: string;
  /** The kind of the groups' entities, left out of their names. */
  kind: string;
  noun: string;
  plural: string;
}[] = [
  {
    id: 'owner',
    label: 'Teams',
    title: 'Team',
    kind: 'group',
    noun: 'team',
    plural: 'teams',
  },
  {
    id: 'system',
    label: 'Systems',
    title: 'System',
    kind: 'system',
    noun: 'system',
    plural: 'systems',
  },
  {
    id: 'domain',
    label: 'Domains',
    title: 'Domain',
    kind: 'domain',
    noun: 'domain',
    plural: 'domains',
  },
];

export function groupingOf(groupBy: ScorecardGroupBy) {
  return groupings.find(g => g.id === groupBy) ?? groupings[0];
}

export function isGroupBy(value: string | null): value is ScorecardGroupBy {
  return groupings.some(g => g.id === value);
}

/**
 * A group's ref as the catalog shortens refs: without the grouping's kind
 * and the default namespace (`platform-team`, but `user:alice` for a server
 * owned by a user). Only for finding a group by what its ref says; the page
 * names groups by their titles (useGroupTitles).
 */
export function shortGroupRef(groupRef: string, groupBy: ScorecardGroupBy) {
  try {
    return humanizeEntityRef(parseEntityRef(groupRef), {
      defaultKind: groupingOf(groupBy).kind,
    });
  } catch {
    return groupRef;
  }
}

/** A ratio (0–1) as a whole percentage. */
export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** A mean time to remediate: hours below two days, days above; a dash when none was measured. */
export function remediationTime(hours?: number): string {
  if (hours === undefined) {
    return '—';
  }
  if (hours < 48) {
    return `${Math.round(hours * 10) / 10} h`;
  }
  return `${Math.round((hours / 24) * 10) / 10} days`;
}

function atMost(limit: number, what: string, plural = `${what}s`) {
  if (limit === 0) {
    return `no ${plural}`;
  }
  return `at most ${limit} ${limit === 1 ? what : plural}`;
}

/** One criterion of a level in words, as a reader of the levels card needs it. */
export function criterionText(
  criterion: ScorecardCriterion,
  limit: number,
): string {
  switch (criterion) {
    case 'minCoverage':
      return `at least ${percent(limit)} of servers assessed recently`;
    case 'maxCriticalServers':
      return atMost(limit, 'critical-risk server');
    case 'maxHighServers':
      return atMost(limit, 'high-risk server');
    case 'maxOpenP1':
      return atMost(limit, 'open P1 recommendation');
    case 'maxOverdueMaintenance':
      return atMost(limit, 'overdue maintenance task');
    case 'maxStaleApprovals':
      return atMost(limit, 'stale approval');
    case 'maxEmergencyWithoutReview':
      return atMost(
        limit,
        'emergency change without review',
        'emergency changes without review',
      );
    default:
      // A criterion a newer backend knows and this UI does not yet.
      return `${criterion}: ${limit}`;
  }
}

import { ResponseError } from '@backstage/errors';
import {
  ScorecardLevel,
  ScorecardRow,
  ScorecardServer,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { ScorecardList, ScorecardSnapshot } from '../api';

/** The levels of knowledge/scorecard-levels.yaml, lowest first. */
export const scorecardLevels: ScorecardLevel[] = [
  {
    id: 'bronze',
    title: 'Bronze',
    description:
      'Every server is known and assessed, and nothing critical goes unnoticed.',
    criteria: {
      minCoverage: 0.9,
      maxCriticalServers: 1,
      maxOverdueMaintenance: 10,
    },
  },
  {
    id: 'silver',
    title: 'Silver',
    description: 'Risk is under control and the routine is kept.',
    criteria: {
      minCoverage: 0.95,
      maxCriticalServers: 0,
      maxOpenP1: 5,
      maxOverdueMaintenance: 3,
      maxEmergencyWithoutReview: 0,
    },
  },
  {
    id: 'gold',
    title: 'Gold',
    description:
      'First-priority advice is acted on, maintenance is on time, and approvals never go stale.',
    criteria: {
      minCoverage: 1,
      maxCriticalServers: 0,
      maxHighServers: 1,
      maxOpenP1: 0,
      maxOverdueMaintenance: 0,
      maxStaleApprovals: 0,
      maxEmergencyWithoutReview: 0,
    },
  },
];

/** A scorecard row with every figure at zero but those given. */
export function scorecardRowOf(
  row: Pick<ScorecardRow, 'groupRef'> & Partial<ScorecardRow>,
): ScorecardRow {
  return {
    servers: 0,
    risk: { low: 0, medium: 0, high: 0, critical: 0 },
    trust: { trusted: 0, community: 0, unknown: 0 },
    covered: 0,
    coverage: 0,
    openP1: 0,
    openP2: 0,
    overdueMaintenance: 0,
    pendingApprovals: 0,
    staleApprovals: 0,
    emergencyWithoutReview: 0,
    maliciousServers: 0,
    vulnerableServers: 0,
    ...row,
  };
}

/** Four teams, sorted by ref as the backend sends them. */
export const teamScorecards: ScorecardRow[] = [
  scorecardRowOf({
    groupRef: 'group:default/data-team',
    servers: 4,
    risk: { low: 0, medium: 1, high: 1, critical: 2 },
    trust: { trusted: 1, community: 2, unknown: 1 },
    covered: 3,
    coverage: 0.75,
    openP1: 9,
    openP2: 4,
    overdueMaintenance: 12,
    pendingApprovals: 1,
    staleApprovals: 1,
    nextLevel: {
      id: 'bronze',
      title: 'Bronze',
      unmet: [
        'coverage at least 90% (now 75%)',
        'at most 1 critical-risk servers (now 2)',
        'at most 10 overdue maintenance tasks (now 12)',
      ],
    },
  }),
  scorecardRowOf({
    groupRef: 'group:default/developer-experience',
    servers: 4,
    risk: { low: 1, medium: 1, high: 1, critical: 1 },
    trust: { trusted: 2, community: 2, unknown: 0 },
    covered: 4,
    coverage: 1,
    openP1: 6,
    openP2: 3,
    meanTimeToRemediateHours: 30.5,
    overdueMaintenance: 2,
    pendingApprovals: 2,
    level: { id: 'bronze', title: 'Bronze' },
    nextLevel: {
      id: 'silver',
      title: 'Silver',
      unmet: [
        'at most 0 critical-risk servers (now 1)',
        'at most 5 open P1 recommendations (now 6)',
      ],
    },
  }),
  scorecardRowOf({
    groupRef: 'group:default/payments-team',
    servers: 3,
    risk: { low: 0, medium: 1, high: 2, critical: 0 },
    trust: { trusted: 2, community: 1, unknown: 0 },
    covered: 3,
    coverage: 1,
    openP1: 2,
    openP2: 5,
    meanTimeToRemediateHours: 4,
    overdueMaintenance: 1,
    emergencyWithoutReview: 1,
    level: { id: 'bronze', title: 'Bronze' },
    nextLevel: {
      id: 'silver',
      title: 'Silver',
      unmet: ['at most 0 emergency changes without review (now 1)'],
    },
  }),
  scorecardRowOf({
    groupRef: 'group:default/platform-team',
    servers: 2,
    risk: { low: 1, medium: 1, high: 0, critical: 0 },
    trust: { trusted: 2, community: 0, unknown: 0 },
    covered: 2,
    coverage: 1,
    meanTimeToRemediateHours: 120,
    level: { id: 'gold', title: 'Gold' },
  }),
];

export const teamScorecardList: ScorecardList = {
  groupBy: 'owner',
  levels: scorecardLevels,
  items: teamScorecards,
};

export const systemScorecardList: ScorecardList = {
  groupBy: 'system',
  levels: scorecardLevels,
  items: [
    scorecardRowOf({
      groupRef: 'system:default/developer-tooling',
      servers: 3,
      risk: { low: 1, medium: 1, high: 1, critical: 0 },
      covered: 3,
      coverage: 1,
      level: { id: 'silver', title: 'Silver' },
      nextLevel: {
        id: 'gold',
        title: 'Gold',
        unmet: ['at most 0 open P1 recommendations (now 2)'],
      },
      openP1: 2,
    }),
  ],
};

/** The servers of developer-experience, for its drill-down. */
export const developerExperienceServers: ScorecardServer[] = [
  {
    entityRef: 'api:default/filesystem',
    riskLevel: 'high',
    riskScore: 68,
    trustTier: 'trusted',
    checkedAt: '2026-11-20T10:00:00.000Z',
    openP1: 3,
    openP2: 1,
  },
  {
    entityRef: 'api:default/desktop-commander',
    riskLevel: 'critical',
    riskScore: 84,
    trustTier: 'community',
    checkedAt: '2026-11-20T10:00:00.000Z',
    openP1: 2,
    openP2: 1,
  },
  {
    entityRef: 'api:default/fetch',
    riskLevel: 'medium',
    riskScore: 41,
    trustTier: 'trusted',
    checkedAt: '2026-11-20T10:00:00.000Z',
    openP1: 1,
    openP2: 1,
  },
  {
    entityRef: 'api:default/github-remote',
    riskLevel: 'low',
    riskScore: 22,
    trustTier: 'community',
    checkedAt: '2026-11-20T10:00:00.000Z',
    openP1: 0,
    openP2: 0,
  },
];

/** Three daily snapshots of developer-experience, oldest first. */
export const developerExperienceTrend: ScorecardSnapshot[] = [
  {
    day: '2026-11-18',
    figures: { ...teamScorecards[1], openP1: 8, overdueMaintenance: 4 },
  },
  {
    day: '2026-11-19',
    figures: { ...teamScorecards[1], openP1: 7, overdueMaintenance: 3 },
  },
  { day: '2026-11-20', figures: teamScorecards[1] },
];

/** A ResponseError as the client throws it for a backend error. */
export function responseError(
  statusCode: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({ error: { name, message }, response: { statusCode } }),
      { status: statusCode, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

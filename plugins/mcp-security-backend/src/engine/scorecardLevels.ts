import {
  ScorecardCriterion,
  ScorecardRow,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { ScorecardLevels } from '../knowledge/schema';

type Figures = Omit<ScorecardRow, 'level' | 'nextLevel'>;

const CRITERIA: Record<
  ScorecardCriterion,
  {
    value: (f: Figures) => number;
    met: (v: number, limit: number) => boolean;
    text: (limit: number, v: number) => string;
  }
> = {
  minCoverage: {
    value: f => f.coverage,
    met: (v, limit) => v >= limit,
    text: (limit, v) =>
      `coverage at least ${Math.round(limit * 100)}% (now ${Math.round(
        v * 100,
      )}%)`,
  },
  maxCriticalServers: {
    value: f => f.risk.critical,
    met: (v, limit) => v <= limit,
    text: (limit, v) => `at most ${limit} critical-risk servers (now ${v})`,
  },
  maxHighServers: {
    value: f => f.risk.high,
    met: (v, limit) => v <= limit,
    text: (limit, v) => `at most ${limit} high-risk servers (now ${v})`,
  },
  maxOpenP1: {
    value: f => f.openP1,
    met: (v, limit) => v <= limit,
    text: (limit, v) => `at most ${limit} open P1 recommendations (now ${v})`,
  },
  maxOverdueMaintenance: {
    value: f => f.overdueMaintenance,
    met: (v, limit) => v <= limit,
    text: (limit, v) => `at most ${limit} overdue maintenance tasks (now ${v})`,
  },
  maxStaleApprovals: {
    value: f => f.staleApprovals,
    met: (v, limit) => v <= limit,
    text: (limit, v) => `at most ${limit} stale approvals (now ${v})`,
  },
  maxEmergencyWithoutReview: {
    value: f => f.emergencyWithoutReview,
    met: (v, limit) => v <= limit,
    text: (limit, v) =>
      `at most ${limit} emergency changes without review (now ${v})`,
  },
};

function unmetCriteria(
  figures: Figures,
  criteria: Partial<Record<ScorecardCriterion, number>>,
) {
  return (Object.entries(criteria) as [ScorecardCriterion, number][])
    .filter(
      ([name, limit]) =>
        !CRITERIA[name].met(CRITERIA[name].value(figures), limit),
    )
    .map(([name, limit]) =>
      CRITERIA[name].text(limit, CRITERIA[name].value(figures)),
    );
}

/**
 * The highest level whose every criterion the group meets, and what the next
 * level up still asks. Levels are ordered from lowest to highest.
 */
export function withLevel(
  figures: Figures,
  levels: ScorecardLevels,
): ScorecardRow {
  let reached = -1;
  for (const [index, level] of levels.levels.entries()) {
    if (unmetCriteria(figures, level.criteria).length > 0) break;
    reached = index;
  }
  const level = levels.levels[reached];
  const next = levels.levels[reached + 1];
  return {
    ...figures,
    ...(level ? { level: { id: level.id, title: level.title } } : {}),
    ...(next
      ? {
          nextLevel: {
            id: next.id,
            title: next.title,
            unmet: unmetCriteria(figures, next.criteria),
          },
        }
      : {}),
  };
}

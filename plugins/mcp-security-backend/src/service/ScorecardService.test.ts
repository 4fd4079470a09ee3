import {
  Assessment,
  RecommendationDecision,
  RecommendationStatus,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { openCounts } from './ScorecardService';

function decided(
  controlId: string,
  status: RecommendationStatus,
): RecommendationDecision {
  return {
    controlId,
    status,
    decidedBy: 'user:default/owner',
    decidedAt: '2026-11-21T10:00:00.000Z',
    version: 1,
  };
}

describe('openCounts', () => {
  it('counts undecided and accepted recommendations as open, implemented and dismissed ones not', () => {
    const assessment = {
      recommendations: [
        { controlId: 'undecided', priority: 'P1' },
        { controlId: 'accepted', priority: 'P1' },
        { controlId: 'implemented', priority: 'P1' },
        { controlId: 'dismissed', priority: 'P2' },
        { controlId: 'reopened', priority: 'P2' },
      ],
    } as Assessment;

    expect(
      openCounts(assessment, [
        decided('accepted', 'accepted'),
        decided('implemented', 'implemented'),
        decided('dismissed', 'dismissed'),
        decided('reopened', 'open'),
      ]),
    ).toEqual({ openP1: 2, openP2: 1 });
  });
});

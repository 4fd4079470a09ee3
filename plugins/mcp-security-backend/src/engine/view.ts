import {
  Assessment,
  AssessmentView,
  RecommendationDecision,
  ResidualRisk,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { RiskModel } from '../knowledge/schema';
import { riskLevelOf } from './assess';

/**
 * The risk left after the recommendations marked implemented: each takes its
 * stated points off the factors it mitigates, never more than a factor has.
 */
export function residualRiskOf(
  assessment: Assessment,
  decisions: RecommendationDecision[],
  levels: RiskModel['risk']['levels'],
): ResidualRisk {
  const implemented = new Set(
    decisions.filter(d => d.status === 'implemented').map(d => d.controlId),
  );
  const remaining = new Map(assessment.risk.factors.map(f => [f.id, f.points]));
  const reductions: ResidualRisk['reductions'] = [];
  for (const recommendation of assessment.recommendations) {
    if (!implemented.has(recommendation.controlId)) continue;
    for (const { factor, points } of recommendation.mitigates) {
      const left = remaining.get(factor) ?? 0;
      const taken = Math.min(points, left);
      if (taken > 0) {
        remaining.set(factor, left - taken);
        reductions.push({
          controlId: recommendation.controlId,
          factor,
          points: taken,
        });
      }
    }
  }
  const score = Math.min(
    100,
    [...remaining.values()].reduce((t, p) => t + p, 0),
  );
  return { level: riskLevelOf(score, levels), score, reductions };
}

/** An assessment as served: each recommendation with the owner's decision, and the residual risk. */
export function viewOf(
  assessment: Assessment,
  decisions: RecommendationDecision[],
  levels: RiskModel['risk']['levels'],
): AssessmentView {
  const byControl = new Map(decisions.map(d => [d.controlId, d]));
  return {
    ...assessment,
    recommendations: assessment.recommendations.map(recommendation => {
      const decision = byControl.get(recommendation.controlId);
      return {
        ...recommendation,
        status: decision?.status ?? 'open',
        ...(decision ? { decision } : {}),
      };
    }),
    residualRisk: residualRiskOf(assessment, decisions, levels),
  };
}

import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  prioritySchema,
  RecommendationDecisionForm,
  recommendationStatusSchema,
  RecommendationWithDecision,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { ItemGroup, StatusCounts } from '../ItemList';
import { recommendationStatusLabels } from '../RecommendationStatusChip';
import { RecommendationItem } from './RecommendationItem';
import { headingProps } from '../cardHeading';

/** `runtime-isolation` → `Runtime isolation`. */
function categoryTitle(category: string): string {
  const words = category.replace(/-/g, ' ');
  return words.charAt(0).toLocaleUpperCase() + words.slice(1);
}

/**
 * The recommendations grouped by category, P1 first within each group, and
 * the group with the most urgent recommendation first.
 */
function groupByCategory(recommendations: RecommendationWithDecision[]) {
  const rank = prioritySchema.options;
  // A stable sort keeps the backend's order among equal priorities; a Map
  // keeps its groups in the order of their first, hence most urgent, member.
  const sorted = [...recommendations].sort(
    (a, b) => rank.indexOf(a.priority) - rank.indexOf(b.priority),
  );
  const groups = new Map<string, RecommendationWithDecision[]>();
  for (const recommendation of sorted) {
    const group = groups.get(recommendation.category);
    if (group) {
      group.push(recommendation);
    } else {
      groups.set(recommendation.category, [recommendation]);
    }
  }
  return [...groups];
}

/**
 * The controls that apply to a server, with the owner's decisions. `onDecide`
 * is given only to users who may decide; without it there are no actions.
 */
export function RecommendationsList(props: {
  recommendations: RecommendationWithDecision[];
  onDecide?: (
    controlId: string,
    request: RecommendationDecisionForm,
  ) => Promise<void>;
}) {
  const { recommendations, onDecide } = props;
  if (recommendations.length === 0) {
    return (
      <InfoCard title="Recommendations" titleTypographyProps={headingProps}>
        <Typography>
          No control of the knowledge base applies to this server.
        </Typography>
      </InfoCard>
    );
  }
  return (
    <InfoCard title="Recommendations" titleTypographyProps={headingProps}>
      <StatusCounts
        label="Recommendations by status"
        counts={recommendationStatusSchema.options.map(status => ({
          status,
          label: recommendationStatusLabels[status].toLocaleLowerCase(),
          count: recommendations.filter(r => r.status === status).length,
        }))}
      />
      {groupByCategory(recommendations).map(([category, group]) => (
        <ItemGroup
          key={category}
          id={`mcp-security-category-${category}`}
          title={categoryTitle(category)}
        >
          {group.map(recommendation => (
            <RecommendationItem
              key={recommendation.controlId}
              recommendation={recommendation}
              onDecide={
                onDecide &&
                (request => onDecide(recommendation.controlId, request))
              }
            />
          ))}
        </ItemGroup>
      ))}
    </InfoCard>
  );
}

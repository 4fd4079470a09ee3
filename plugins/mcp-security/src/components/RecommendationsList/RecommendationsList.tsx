import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  prioritySchema,
  RecommendationDecisionRequest,
  recommendationStatusSchema,
  RecommendationWithDecision,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { recommendationStatusLabels } from '../RecommendationStatusChip';
import { RecommendationItem } from './RecommendationItem';

// Card titles are headings so that screen reader users can jump between sections.
const headingProps = { component: 'h2' };

const useStyles = makeStyles(theme => ({
  counts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    listStyle: 'none',
    margin: theme.spacing(0, 0, 2),
    padding: 0,
  },
  group: { marginBottom: theme.spacing(3) },
}));

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
    request: RecommendationDecisionRequest,
  ) => Promise<void>;
}) {
  const { recommendations, onDecide } = props;
  const classes = useStyles();
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
      <ul className={classes.counts} aria-label="Recommendations by status">
        {recommendationStatusSchema.options.map(status => (
          <li key={status}>
            <Typography component="span">
              <strong>
                {recommendations.filter(r => r.status === status).length}
              </strong>{' '}
              {recommendationStatusLabels[status].toLocaleLowerCase()}
            </Typography>
          </li>
        ))}
      </ul>
      {groupByCategory(recommendations).map(([category, group]) => (
        <section
          key={category}
          className={classes.group}
          aria-labelledby={`mcp-security-category-${category}`}
        >
          <Typography
            variant="h6"
            component="h3"
            gutterBottom
            id={`mcp-security-category-${category}`}
          >
            {categoryTitle(category)}
          </Typography>
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
        </section>
      ))}
    </InfoCard>
  );
}

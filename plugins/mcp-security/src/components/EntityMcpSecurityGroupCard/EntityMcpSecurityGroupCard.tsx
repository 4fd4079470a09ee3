import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import { mcpSecurityApiRef } from '../../api';
import { RiskDistributionBar, riskSummary } from '../RiskDistributionBar';
import { ScorecardLevelChip } from '../ScorecardLevelChip';
import { UnmetCriteria } from '../Scorecards/ScorecardLevels';

// Card titles are headings so that screen reader users can jump between sections.
const headingProps = { component: 'h2' };

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    alignItems: 'center',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1.5),
    margin: 0,
  },
  term: { color: theme.palette.text.secondary },
  value: {
    margin: 0,
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    fontVariantNumeric: 'tabular-nums',
  },
}));

function statusOf(error: Error | undefined): number | undefined {
  return error instanceof ResponseError ? error.statusCode : undefined;
}

/**
 * The MCP servers a group owns, in figures, for the group's entity page: the
 * level its scorecard reached and what the next level needs, its servers and
 * their risk, open first-priority recommendations and overdue maintenance.
 * A group that owns no MCP server gets a short note; a user who may not
 * read the scorecards gets nothing at all.
 *
 * @public
 */
export function EntityMcpSecurityGroupCard() {
  const { entity } = useEntity();
  const groupRef = stringifyEntityRef(entity);
  const classes = useStyles();
  const mcpSecurityApi = useApi(mcpSecurityApiRef);
  const { value, loading, error } = useAsync(
    () => mcpSecurityApi.getScorecard(groupRef, { groupBy: 'owner' }),
    [mcpSecurityApi, groupRef],
  );

  // Scorecards need their own permission; without it the card stays away
  // rather than showing an error on every group page.
  if (statusOf(error) === 403) {
    return null;
  }

  let content: JSX.Element;
  if (loading) {
    content = <Progress />;
  } else if (statusOf(error) === 404) {
    content = (
      <Typography>
        This group owns no MCP servers, so there is nothing to score yet.
      </Typography>
    );
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    content = <></>;
  } else {
    const { scorecard } = value;
    content = (
      <dl className={classes.facts}>
        <Typography component="dt" variant="body2" className={classes.term}>
          Level
        </Typography>
        <Typography component="dd" variant="body2" className={classes.value}>
          <ScorecardLevelChip level={scorecard.level} />
        </Typography>
        {scorecard.nextLevel && (
          <>
            <Typography
              component="dt"
              variant="body2"
              className={classes.term}
            >
              For {scorecard.nextLevel.title}
            </Typography>
            <Typography component="dd" variant="body2" className={classes.value}>
              <UnmetCriteria nextLevel={scorecard.nextLevel} />
            </Typography>
          </>
        )}
        <Typography component="dt" variant="body2" className={classes.term}>
          MCP servers
        </Typography>
        <Typography component="dd" variant="body2" className={classes.value}>
          {scorecard.servers}
        </Typography>
        <Typography component="dt" variant="body2" className={classes.term}>
          Risk
        </Typography>
        <Typography component="dd" variant="body2" className={classes.value}>
          <RiskDistributionBar risk={scorecard.risk} />
          <span aria-hidden>{riskSummary(scorecard.risk)}</span>
        </Typography>
        <Typography component="dt" variant="body2" className={classes.term}>
          Open P1 recommendations
        </Typography>
        <Typography component="dd" variant="body2" className={classes.value}>
          {scorecard.openP1}
        </Typography>
        <Typography component="dt" variant="body2" className={classes.term}>
          Overdue maintenance
        </Typography>
        <Typography component="dd" variant="body2" className={classes.value}>
          {scorecard.overdueMaintenance}
        </Typography>
      </dl>
    );
  }

  return (
    <InfoCard title="MCP Security scorecard" titleTypographyProps={headingProps}>
      <Box>{content}</Box>
    </InfoCard>
  );
}

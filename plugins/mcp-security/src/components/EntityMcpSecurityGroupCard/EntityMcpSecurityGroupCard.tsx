import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { mcpSecurityApiRef } from '../../api';
import { Fact, FactList } from '../FactList';
import { RiskDistributionBar, riskSummary } from '../RiskDistributionBar';
import { ScorecardLevelChip } from '../ScorecardLevelChip';
import { UnmetCriteria } from '../Scorecards/ScorecardLevels';
import { headingProps } from '../cardHeading';

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
      <FactList>
        <Fact term="Level">
          <ScorecardLevelChip level={scorecard.level} />
        </Fact>
        {scorecard.nextLevel && (
          <Fact term={`For ${scorecard.nextLevel.title}`}>
            <UnmetCriteria nextLevel={scorecard.nextLevel} />
          </Fact>
        )}
        <Fact term="MCP servers">{scorecard.servers}</Fact>
        <Fact term="Risk">
          <RiskDistributionBar risk={scorecard.risk} />
          {/* The bar already names the counts to assistive technology. */}
          <span aria-hidden>{riskSummary(scorecard.risk)}</span>
        </Fact>
        <Fact term="Open P1 recommendations">{scorecard.openP1}</Fact>
        <Fact term="Overdue maintenance">{scorecard.overdueMaintenance}</Fact>
      </FactList>
    );
  }

  return (
    <InfoCard
      title="MCP Security scorecard"
      titleTypographyProps={headingProps}
    >
      {content}
    </InfoCard>
  );
}

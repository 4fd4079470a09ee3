import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { isOpenRecommendation } from '@mcp-server-operator/plugin-mcp-security-common';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { mcpSecurityApiRef } from '../../api';
import { Fact, FactList } from '../FactList';
import { RiskLevelChip } from '../RiskLevelChip';
import { TrustBadge } from '../TrustBadge';
import { useMcpSecurityTabPath } from '../useMcpSecurityTabPath';
import { headingProps } from '../cardHeading';
import { isDenied } from '../isDenied';

/** The value of a figure that comes from a secondary call, or why it is missing. */
function figure<T>(
  result: PromiseSettledResult<T>,
  value: (t: T) => ReactNode,
): ReactNode {
  if (result.status === 'fulfilled') {
    return value(result.value);
  }
  const { reason } = result;
  return (
    <Typography component="span" variant="body2" color="textSecondary">
      {isDenied(reason) && 'Not permitted'}
      {!isDenied(reason) &&
        `Unavailable: ${reason instanceof Error ? reason.message : reason}`}
    </Typography>
  );
}

/**
 * One MCP server at a glance, for the Overview tab of its entity page: its
 * risk and trust, the residual risk when implemented recommendations lowered
 * it, its open first-priority recommendations, overdue maintenance and
 * changes waiting for approval, and a link to its MCP Security tab.
 *
 * @public
 */
export function EntityMcpSecurityCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const mcpSecurityApi = useApi(mcpSecurityApiRef);
  const tabPath = useMcpSecurityTabPath();
  const { value, loading, error } = useAsync(async () => {
    const [settled, maintenance, changes] = await Promise.allSettled([
      mcpSecurityApi.getAssessment(entityRef),
      mcpSecurityApi.getMaintenance(entityRef),
      mcpSecurityApi.listServerChanges(entityRef),
    ]);
    // The card is about the assessment: without it there is nothing to show.
    // The maintenance and changes only add figures; when one of them cannot
    // be read, its figures say so rather than the whole card failing.
    if (settled.status === 'rejected') {
      throw settled.reason;
    }
    const assessment = settled.value;
    return {
      assessment,
      openP1: assessment.recommendations.filter(
        r => r.priority === 'P1' && isOpenRecommendation(r.status),
      ).length,
      maintenance,
      changes,
    };
  }, [mcpSecurityApi, entityRef]);

  // Like the group card, a user who may not read the server's assessment
  // gets no card rather than an error on every entity page.
  if (isDenied(error)) {
    return null;
  }

  let content: JSX.Element;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    content = <></>;
  } else {
    const { assessment, openP1, maintenance, changes } = value;
    const { risk, residualRisk, trust } = assessment;
    const unreviewed =
      changes.status === 'fulfilled'
        ? changes.value.items.filter(
            c => c.state === 'implemented' && c.reviewDueAt && !c.reviewedAt,
          ).length
        : 0;
    const residualDiffers =
      residualRisk.level !== risk.level || residualRisk.score !== risk.score;
    content = (
      <FactList>
        <Fact term="Risk">
          <RiskLevelChip level={risk.level} />
          <span>Score {risk.score}/100</span>
        </Fact>
        {residualDiffers && (
          <Fact term="Residual risk">
            <Box
              // One name for the chip and the score, so the pair reads as
              // the residual risk rather than a second risk level.
              role="group"
              aria-label={`Residual risk: ${residualRisk.level}, score ${residualRisk.score}`}
              display="flex"
              alignItems="center"
              gridGap={8}
            >
              <RiskLevelChip level={residualRisk.level} />
              <span>Score {residualRisk.score}/100</span>
            </Box>
          </Fact>
        )}
        <Fact term="Trust">
          <TrustBadge tier={trust.tier} score={trust.score} />
        </Fact>
        <Fact term="Open P1 recommendations">{openP1}</Fact>
        <Fact term="Overdue maintenance">
          {figure(
            maintenance,
            m => m.items.filter(t => t.status === 'overdue').length,
          )}
        </Fact>
        <Fact term="Changes waiting for approval">
          {figure(
            changes,
            c => c.items.filter(change => change.state === 'submitted').length,
          )}
        </Fact>
        {unreviewed > 0 && (
          <Fact term="Emergency changes waiting for review">{unreviewed}</Fact>
        )}
      </FactList>
    );
  }

  return (
    <InfoCard
      title="MCP Security"
      titleTypographyProps={headingProps}
      deepLink={{ title: 'Open the MCP Security tab', link: tabPath(entity) }}
    >
      {content}
    </InfoCard>
  );
}

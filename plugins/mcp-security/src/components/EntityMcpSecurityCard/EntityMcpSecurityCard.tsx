import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { isOpenRecommendation } from '@mcp-server-operator/plugin-mcp-security-common';
import useAsync from 'react-use/esm/useAsync';
import { mcpSecurityApiRef } from '../../api';
import { Fact, FactList } from '../FactList';
import { RiskLevelChip } from '../RiskLevelChip';
import { TrustBadge } from '../TrustBadge';
import { useMcpSecurityTabPath } from '../useMcpSecurityTabPath';

// Card titles are headings so that screen reader users can jump between sections.
const headingProps = { component: 'h2' };

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
    const [assessment, maintenance, changes] = await Promise.all([
      mcpSecurityApi.getAssessment(entityRef),
      mcpSecurityApi.getMaintenance(entityRef),
      mcpSecurityApi.listServerChanges(entityRef),
    ]);
    return {
      assessment,
      openP1: assessment.recommendations.filter(
        r => r.priority === 'P1' && isOpenRecommendation(r.status),
      ).length,
      overdue: maintenance.items.filter(t => t.status === 'overdue').length,
      waiting: changes.items.filter(c => c.state === 'submitted').length,
      unreviewed: changes.items.filter(
        c => c.state === 'implemented' && c.reviewDueAt && !c.reviewedAt,
      ).length,
    };
  }, [mcpSecurityApi, entityRef]);

  let content: JSX.Element;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    content = <></>;
  } else {
    const { assessment, openP1, overdue, waiting, unreviewed } = value;
    const { risk, residualRisk, trust } = assessment;
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
        <Fact term="Overdue maintenance">{overdue}</Fact>
        <Fact term="Changes waiting for approval">{waiting}</Fact>
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

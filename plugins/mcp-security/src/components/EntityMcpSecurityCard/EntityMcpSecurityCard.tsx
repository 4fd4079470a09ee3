import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { mcpSecurityApiRef } from '../../api';
import { RiskLevelChip } from '../RiskLevelChip';
import { TrustBadge } from '../TrustBadge';

// Card titles are headings so that screen reader users can jump between sections.
const headingProps = { component: 'h2' };

const SETTLED = new Set(['implemented', 'dismissed']);

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
    gap: theme.spacing(1),
    fontVariantNumeric: 'tabular-nums',
  },
}));

function Fact(props: { term: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <>
      <Typography component="dt" variant="body2" className={classes.term}>
        {props.term}
      </Typography>
      <Typography component="dd" variant="body2" className={classes.value}>
        {props.children}
      </Typography>
    </>
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
  const classes = useStyles();
  const mcpSecurityApi = useApi(mcpSecurityApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const { value, loading, error } = useAsync(async () => {
    const [assessment, maintenance, changes] = await Promise.all([
      mcpSecurityApi.getAssessment(entityRef),
      mcpSecurityApi.getMaintenance(entityRef),
      mcpSecurityApi.listServerChanges(entityRef),
    ]);
    return {
      assessment,
      openP1: assessment.recommendations.filter(
        r => r.priority === 'P1' && !SETTLED.has(r.status),
      ).length,
      overdue: maintenance.items.filter(t => t.status === 'overdue').length,
      waiting: changes.items.filter(c => c.state === 'submitted').length,
      unreviewed: changes.items.filter(
        c => c.state === 'implemented' && c.reviewDueAt && !c.reviewedAt,
      ).length,
    };
  }, [mcpSecurityApi, entityRef]);

  const tabLink = `${entityRoute(entityRouteParams(entity))}/mcp-security`;
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
      <dl className={classes.facts}>
        <Fact term="Risk">
          <RiskLevelChip level={risk.level} />
          <span>Score {risk.score}/100</span>
        </Fact>
        {residualDiffers && (
          <Fact term="Residual risk">
            <span
              // One name for the chip and the score, so the pair reads as
              // the residual risk rather than a second risk level.
              role="group"
              aria-label={`Residual risk: ${residualRisk.level}, score ${residualRisk.score}`}
              className={classes.value}
            >
              <RiskLevelChip level={residualRisk.level} />
              <span>Score {residualRisk.score}/100</span>
            </span>
          </Fact>
        )}
        <Fact term="Trust">
          <TrustBadge tier={trust.tier} score={trust.score} />
        </Fact>
        <Fact term="Open P1 recommendations">{openP1}</Fact>
        <Fact term="Overdue maintenance">{overdue}</Fact>
        <Fact term="Changes waiting for approval">{waiting}</Fact>
        {unreviewed > 0 && (
          <Fact term="Emergency changes waiting for review">
            {unreviewed}
          </Fact>
        )}
      </dl>
    );
  }

  return (
    <InfoCard
      title="MCP Security"
      titleTypographyProps={headingProps}
      deepLink={{ title: 'Open the MCP Security tab', link: tabLink }}
    >
      <Box>{content}</Box>
    </InfoCard>
  );
}

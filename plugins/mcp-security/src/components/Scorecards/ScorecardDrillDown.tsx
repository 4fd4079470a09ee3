import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EntityDisplayName,
  EntityRefLink,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import {
  ScorecardGroupBy,
  ScorecardServer,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { mcpSecurityApiRef } from '../../api';
import { RiskDistributionBar } from '../RiskDistributionBar';
import { RiskLevelChip } from '../RiskLevelChip';
import { ScorecardLevelChip } from '../ScorecardLevelChip';
import { Timestamp } from '../Timestamp';
import { useMcpSecurityTabPath } from '../useMcpSecurityTabPath';
import { UnmetCriteria } from './ScorecardLevels';
import { ScorecardTrendChart } from './ScorecardTrendChart';
import { groupingOf, percent, remediationTime } from './scorecardFormat';
import { headingProps } from '../cardHeading';

const trendWindows = [30, 90] as const;

function ServersTable(props: { servers: ScorecardServer[]; label: string }) {
  const { servers, label } = props;
  const tabPath = useMcpSecurityTabPath();
  if (servers.length === 0) {
    return (
      <Typography>
        None of its servers is visible to you in the catalog.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={`Servers of ${label}`}>
      <TableHead>
        <TableRow>
          <TableCell>Server</TableCell>
          <TableCell>Risk</TableCell>
          <TableCell align="right">Score</TableCell>
          <TableCell>Trust</TableCell>
          <TableCell align="right">Open P1</TableCell>
          <TableCell align="right">Open P2</TableCell>
          <TableCell>Last checked</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {servers.map(server => (
          <TableRow key={server.entityRef}>
            <TableCell component="th" scope="row">
              <Link to={tabPath(server.entityRef)}>
                <EntityDisplayName entityRef={server.entityRef} hideIcon />
              </Link>
            </TableCell>
            <TableCell>
              <RiskLevelChip level={server.riskLevel} />
            </TableCell>
            <TableCell align="right">{server.riskScore}</TableCell>
            <TableCell>
              <Chip
                role="img"
                aria-label={`Trust tier: ${server.trustTier}`}
                label={server.trustTier}
                size="small"
                variant="outlined"
              />
            </TableCell>
            <TableCell align="right">{server.openP1}</TableCell>
            <TableCell align="right">{server.openP2}</TableCell>
            <TableCell>
              <Timestamp value={server.checkedAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** A group's daily figures over the last 30 or 90 days. */
function ScorecardTrend(props: {
  groupRef: string;
  groupBy: ScorecardGroupBy;
}) {
  const { groupRef, groupBy } = props;
  const mcpSecurityApi = useApi(mcpSecurityApiRef);
  const [days, setDays] = useState<number>(30);
  const { value, loading, error } = useAsync(
    () => mcpSecurityApi.getScorecardTrend(groupRef, { groupBy, days }),
    [mcpSecurityApi, groupRef, groupBy, days],
  );
  let content: JSX.Element;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value || value.items.length === 0) {
    content = (
      <Typography>
        No daily figures in the last {days} days yet: the scorecards are
        recorded once a day, so the trend starts after the first day.
      </Typography>
    );
  } else {
    content = <ScorecardTrendChart snapshots={value.items} />;
  }
  return (
    <section aria-labelledby="mcp-security-scorecard-trend">
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
        gridGap={8}
        mb={1}
      >
        <Typography
          variant="h6"
          component="h3"
          id="mcp-security-scorecard-trend"
        >
          Trend
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={days}
          onChange={(_event, next: number | null) => next && setDays(next)}
          aria-label="Trend period"
        >
          {trendWindows.map(window => (
            <ToggleButton key={window} value={window}>
              {window} days
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Box>
      {content}
    </section>
  );
}

/**
 * One group in detail: its level and what the next one needs, its servers,
 * each linking to its MCP Security tab, and its figures over time.
 */
export function ScorecardDrillDown(props: {
  groupRef: string;
  groupBy: ScorecardGroupBy;
  onClose: () => void;
}) {
  const { groupRef, groupBy, onClose } = props;
  const mcpSecurityApi = useApi(mcpSecurityApiRef);
  const grouping = groupingOf(groupBy);
  // The title the table gives the group, from the same API.
  const label = useEntityPresentation(groupRef, {
    defaultKind: grouping.kind,
  }).primaryTitle;
  const { value, loading, error } = useAsync(
    () => mcpSecurityApi.getScorecard(groupRef, { groupBy }),
    [mcpSecurityApi, groupRef, groupBy],
  );

  let content: JSX.Element;
  if (loading) {
    content = <Progress />;
  } else if (error instanceof ResponseError && error.statusCode === 404) {
    content = (
      <Typography>
        No MCP server belongs to {label} any more. Reload the page for the
        current scorecards.
      </Typography>
    );
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    content = <></>;
  } else {
    const { scorecard, servers } = value;
    content = (
      <Grid container spacing={3}>
        <Grid item xs={12} md={4}>
          <Box display="flex" alignItems="center" gridGap={8} mb={1}>
            <ScorecardLevelChip level={scorecard.level} />
            <Typography variant="body2">
              {scorecard.servers}{' '}
              {scorecard.servers === 1 ? 'server' : 'servers'},{' '}
              {percent(scorecard.coverage)} assessed recently
            </Typography>
          </Box>
          <Box mb={1}>
            <RiskDistributionBar risk={scorecard.risk} />
          </Box>
          <Typography variant="body2">
            Mean time to remediate:{' '}
            {remediationTime(scorecard.meanTimeToRemediateHours)}
          </Typography>
          {scorecard.nextLevel ? (
            <Box mt={2}>
              <Typography variant="subtitle2" component="h3">
                For {scorecard.nextLevel.title}
              </Typography>
              <UnmetCriteria
                nextLevel={scorecard.nextLevel}
                label={`What ${label} needs for ${scorecard.nextLevel.title}`}
              />
            </Box>
          ) : (
            <Box mt={2}>
              <Typography variant="body2">
                {label} has reached the top level.
              </Typography>
            </Box>
          )}
          <Box mt={2}>
            <Typography variant="body2">
              In the catalog:{' '}
              <EntityRefLink entityRef={groupRef} defaultKind={grouping.kind} />
            </Typography>
          </Box>
        </Grid>
        <Grid item xs={12} md={8}>
          <ServersTable servers={servers} label={label} />
        </Grid>
        <Grid item xs={12}>
          <ScorecardTrend groupRef={groupRef} groupBy={groupBy} />
        </Grid>
      </Grid>
    );
  }

  return (
    <InfoCard
      title={`${label} in detail`}
      titleTypographyProps={headingProps}
      action={
        <Button startIcon={<CloseIcon />} onClick={onClose}>
          Close
        </Button>
      }
    >
      <section aria-label={`Scorecard of ${label}`}>{content}</section>
    </InfoCard>
  );
}

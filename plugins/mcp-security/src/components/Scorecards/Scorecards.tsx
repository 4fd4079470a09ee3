import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import {
  mcpSecurityScorecardReadPermission,
  ScorecardGroupBy,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { mcpSecurityApiRef } from '../../api';
import { ActionButton } from '../ActionButton';
import { saveFile } from '../saveFile';
import { RiskDistributionChart } from './RiskDistributionChart';
import { ScorecardDrillDown } from './ScorecardDrillDown';
import { ScorecardLevels } from './ScorecardLevels';
import { ScorecardTable } from './ScorecardTable';
import { groupingOf, groupings, isGroupBy } from './scorecardFormat';
import { useGroupTitles } from './useGroupTitles';
import { headingProps } from '../cardHeading';
import { isDenied } from '../isDenied';

function DownloadCsvButton(props: { groupBy: ScorecardGroupBy }) {
  const { groupBy } = props;
  const mcpSecurityApi = useApi(mcpSecurityApiRef);
  const download = async () => {
    saveFile(await mcpSecurityApi.downloadScorecardsCsv({ groupBy }));
  };
  return (
    <ActionButton
      icon={<GetAppIcon />}
      label="Download CSV"
      action="download the scorecards"
      onClick={download}
    />
  );
}

/**
 * The scorecards of the MCP Security page: every team's (system's, domain's)
 * MCP servers in figures, sortable and filterable, with their levels, what
 * the next level needs, the risk across groups, and one group in detail. The
 * grouping and the group shown in detail are kept in the address
 * (`?groupBy=system&group=system:default/tooling`), so a view can be shared.
 */
export function Scorecards() {
  const mcpSecurityApi = useApi(mcpSecurityApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('groupBy');
  const groupBy: ScorecardGroupBy = isGroupBy(requested) ? requested : 'owner';
  const selected = searchParams.get('group') ?? undefined;
  const grouping = groupingOf(groupBy);

  const { value, loading, error } = useAsync(
    () => mcpSecurityApi.getScorecards({ groupBy }),
    [mcpSecurityApi, groupBy],
  );
  // One look-up for every group's title, which every card names it by.
  const titleOf = useGroupTitles(
    value?.items.map(row => row.groupRef) ?? [],
    groupBy,
  );

  const show = useCallback(
    (next: { groupBy: ScorecardGroupBy; group?: string }) => {
      const params = new URLSearchParams(searchParams);
      params.set('groupBy', next.groupBy);
      if (next.group) {
        params.set('group', next.group);
      } else {
        params.delete('group');
      }
      setSearchParams(params, { replace: true });
    },
    [searchParams, setSearchParams],
  );

  if (error && isDenied(error)) {
    return (
      <Alert severity="info">
        <AlertTitle>You may not see the scorecards</AlertTitle>
        The scorecards compare the MCP servers of every team, so they need the{' '}
        <code>{mcpSecurityScorecardReadPermission.name}</code> permission, which
        you do not have. Ask your Backstage administrators for it; the MCP
        Security tab of every server you can read stays open to you.
      </Alert>
    );
  }

  let content: JSX.Element;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    content = <></>;
  } else if (value.items.length === 0) {
    content = (
      <InfoCard title="Scorecards" titleTypographyProps={headingProps}>
        <Typography>
          No MCP server has been assessed yet, so there is nothing to score.
          Servers appear here once the catalog has them and the next sweep has
          assessed them.
        </Typography>
      </InfoCard>
    );
  } else {
    const shownGroup = value.items.some(row => row.groupRef === selected)
      ? selected
      : undefined;
    content = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard
            title={`Scorecards per ${grouping.noun}`}
            titleTypographyProps={headingProps}
          >
            <ScorecardTable
              rows={value.items}
              levels={value.levels}
              groupBy={groupBy}
              titleOf={titleOf}
              selected={shownGroup}
              onSelect={group => show({ groupBy, group })}
            />
          </InfoCard>
        </Grid>
        {shownGroup && (
          <Grid item xs={12}>
            <ScorecardDrillDown
              key={`${groupBy}-${shownGroup}`}
              groupRef={shownGroup}
              groupBy={groupBy}
              onClose={() => show({ groupBy })}
            />
          </Grid>
        )}
        <Grid item xs={12} lg={7}>
          <InfoCard
            title={`Risk across ${grouping.plural}`}
            titleTypographyProps={headingProps}
          >
            <RiskDistributionChart
              rows={value.items}
              groupBy={groupBy}
              titleOf={titleOf}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12} lg={5}>
          <InfoCard title="Levels" titleTypographyProps={headingProps}>
            <ScorecardLevels
              levels={value.levels}
              rows={value.items}
              groupBy={groupBy}
              titleOf={titleOf}
            />
          </InfoCard>
        </Grid>
      </Grid>
    );
  }

  return (
    <>
      <Box
        display="flex"
        alignItems="flex-start"
        justifyContent="space-between"
        flexWrap="wrap"
        gridGap={16}
        mb={3}
      >
        <ToggleButtonGroup
          exclusive
          value={groupBy}
          onChange={(_event, next: ScorecardGroupBy | null) =>
            next && show({ groupBy: next })
          }
          aria-label="Group by"
        >
          {groupings.map(option => (
            <ToggleButton key={option.id} value={option.id}>
              {option.label}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <DownloadCsvButton groupBy={groupBy} />
      </Box>
      {content}
    </>
  );
}

import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  AdvisorySourceStatus,
  FleetAdvisory,
} from '@mcp-server-operator/plugin-mcp-security-common';
import useAsync from 'react-use/esm/useAsync';
import { mcpSecurityApiRef } from '../../api';
import { headingProps } from '../cardHeading';
import { RiskLevelChip } from '../RiskLevelChip';

const useStyles = makeStyles(theme => ({
  servers: { margin: 0, paddingLeft: theme.spacing(2) },
  // A range such as ">=2025.1.14 <2025.7.1" reads badly broken mid-version.
  range: { whiteSpace: 'nowrap' },
  server: { marginBottom: theme.spacing(0.5) },
}));

function kindOf(advisory: FleetAdvisory) {
  if (advisory.malicious) return 'Malicious package';
  return advisory.severity
    ? `Vulnerability, ${advisory.severity}`
    : 'Vulnerability';
}

function ServerList(props: { advisory: FleetAdvisory }) {
  const classes = useStyles();
  const { advisory } = props;
  return (
    <ul
      className={classes.servers}
      aria-label={`Servers matching ${advisory.advisoryId}`}
    >
      {advisory.servers.map(server => (
        <li key={server.entityRef} className={classes.server}>
          <EntityRefLink entityRef={server.entityRef} />{' '}
          <code>{server.version ?? 'unpinned'}</code>
          {server.owner && (
            <>
              {' '}
              owned by <EntityRefLink entityRef={server.owner} />
            </>
          )}
          {server.fixedVersion && <> · fixed in {server.fixedVersion}</>}
          {server.certainty === 'possible' && <> · may resolve to it</>}{' '}
          <RiskLevelChip level={server.riskLevel} />
        </li>
      ))}
    </ul>
  );
}

function SourceStatus(props: { sources: AdvisorySourceStatus[] }) {
  if (props.sources.length === 0) {
    return (
      <Typography>
        No advisory source is configured (`mcpSecurity.advisories.sources`).
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Advisory sources">
      <TableHead>
        <TableRow>
          <TableCell>Source</TableCell>
          <TableCell>Records</TableCell>
          <TableCell>Skipped</TableCell>
          <TableCell>State</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.sources.map(source => (
          <TableRow key={source.source}>
            <TableCell>
              <code>{source.source}</code>
            </TableCell>
            <TableCell>{source.records}</TableCell>
            <TableCell>
              {source.skipped.map(s => (
                <div key={s.file}>
                  <code>{s.file}</code>: {s.reason}
                </div>
              ))}
            </TableCell>
            <TableCell>
              {source.error
                ? `Failing, last good records kept: ${source.error}`
                : `Loaded ${source.loadedAt ?? 'never'}`}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * The fleet view of advisories: each published advisory that matches an MCP
 * server the user can read, malicious packages first, with the servers, their
 * owners, the versions they run and the fixed versions; then the state of
 * the advisory sources.
 */
export function FleetAdvisories() {
  const classes = useStyles();
  const mcpSecurityApi = useApi(mcpSecurityApiRef);
  const { value, loading, error } = useAsync(
    () => mcpSecurityApi.listAdvisories(),
    [mcpSecurityApi],
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return null;
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="Advisories matching MCP servers"
          titleTypographyProps={headingProps}
        >
          {value.advisories.length === 0 ? (
            <Typography>
              No published advisory matches a package any MCP server runs.
            </Typography>
          ) : (
            <Table size="small" aria-label="Advisories matching MCP servers">
              <TableHead>
                <TableRow>
                  <TableCell>Advisory</TableCell>
                  <TableCell>Kind</TableCell>
                  <TableCell>Package</TableCell>
                  <TableCell>Affected</TableCell>
                  <TableCell>Servers</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {value.advisories.map(advisory => (
                  <TableRow
                    key={`${advisory.advisoryId}-${advisory.package.name}`}
                  >
                    <TableCell>
                      {advisory.url ? (
                        <Link to={advisory.url}>{advisory.advisoryId}</Link>
                      ) : (
                        advisory.advisoryId
                      )}
                      <Typography variant="body2" color="textSecondary">
                        {advisory.summary}
                      </Typography>
                    </TableCell>
                    <TableCell>{kindOf(advisory)}</TableCell>
                    <TableCell>
                      <code>{advisory.package.name}</code> (
                      {advisory.package.ecosystem})
                    </TableCell>
                    <TableCell className={classes.range}>
                      {advisory.affectedRange}
                    </TableCell>
                    <TableCell>
                      <ServerList advisory={advisory} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Advisory sources" titleTypographyProps={headingProps}>
          <SourceStatus sources={value.sources} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}

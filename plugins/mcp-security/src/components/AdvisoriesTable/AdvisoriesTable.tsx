import { Link, StatusError, StatusWarning } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { AdvisoryMatch } from '@mcp-server-operator/plugin-mcp-security-common';

const useStyles = makeStyles({
  kind: { display: 'flex', alignItems: 'center' },
});

function kindOf(advisory: AdvisoryMatch) {
  if (advisory.malicious) return 'Malicious package';
  return advisory.severity
    ? `Vulnerability, ${advisory.severity}`
    : 'Vulnerability';
}

/**
 * The published advisories that match the packages a server runs: what they
 * are, which version is affected, the first fixed version and why it
 * matched. Malicious packages come first.
 */
export function AdvisoriesTable(props: { advisories?: AdvisoryMatch[] }) {
  const classes = useStyles();
  const advisories = props.advisories ?? [];
  if (advisories.length === 0) {
    return (
      <Typography>
        No published advisory matches the packages this server runs.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Advisories">
      <TableHead>
        <TableRow>
          <TableCell>Advisory</TableCell>
          <TableCell>Kind</TableCell>
          <TableCell>Package</TableCell>
          <TableCell>Affected</TableCell>
          <TableCell>Fixed in</TableCell>
          <TableCell>Why it matches</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {advisories.map(advisory => (
          <TableRow key={`${advisory.advisoryId}-${advisory.package.name}`}>
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
            <TableCell>
              <Typography
                component="span"
                variant="body2"
                className={classes.kind}
              >
                {advisory.malicious || advisory.certainty === 'affected' ? (
                  <StatusError />
                ) : (
                  <StatusWarning />
                )}
                {kindOf(advisory)}
              </Typography>
            </TableCell>
            <TableCell>
              <code>
                {advisory.package.name}
                {advisory.package.version ? `@${advisory.package.version}` : ''}
              </code>
            </TableCell>
            <TableCell>{advisory.affectedRange}</TableCell>
            <TableCell>{advisory.fixedVersion ?? 'none published'}</TableCell>
            <TableCell>{advisory.reason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

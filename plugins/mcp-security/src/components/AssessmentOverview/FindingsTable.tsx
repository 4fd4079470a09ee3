import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Finding,
  FindingSeverity,
} from '@mcp-server-operator/plugin-mcp-security-common';

const severities: Record<FindingSeverity, { rank: number; icon: JSX.Element }> =
  {
    critical: { rank: 0, icon: <StatusError /> },
    high: { rank: 1, icon: <StatusError /> },
    medium: { rank: 2, icon: <StatusWarning /> },
    low: { rank: 3, icon: <StatusWarning /> },
    info: { rank: 4, icon: <StatusOK /> },
  };

const useStyles = makeStyles({
  severity: { display: 'flex', textTransform: 'capitalize' },
});

/** What was wrong or noteworthy in a server's facts, the most severe first. */
export function FindingsTable(props: { findings: Finding[] }) {
  const classes = useStyles();
  if (props.findings.length === 0) {
    return (
      <Typography>
        No findings: every fact about this server was read without problems.
      </Typography>
    );
  }
  const findings = [...props.findings].sort(
    (a, b) => severities[a.severity].rank - severities[b.severity].rank,
  );
  return (
    <Table size="small" aria-label="Findings">
      <TableHead>
        <TableRow>
          <TableCell>Severity</TableCell>
          <TableCell>Field</TableCell>
          <TableCell>Target</TableCell>
          <TableCell>Message</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {findings.map((finding, index) => (
          // One rule can raise the same finding id on several fields.
          <TableRow key={`${finding.id}-${index}`}>
            <TableCell>
              {/* The status icons hide themselves from assistive technology, the text carries the severity. */}
              <Typography
                component="span"
                variant="body2"
                className={classes.severity}
              >
                {severities[finding.severity].icon}
                {finding.severity}
              </Typography>
            </TableCell>
            <TableCell>
              <code>{finding.field}</code>
            </TableCell>
            <TableCell>
              {finding.target && <code>{finding.target}</code>}
            </TableCell>
            <TableCell>{finding.message}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { RiskFactor } from '@mcp-server-operator/plugin-mcp-security-common';

const dimensions: Record<RiskFactor['dimension'], string> = {
  impact: 'Impact',
  likelihood: 'Likelihood',
};

const useStyles = makeStyles({
  // Short labels stay on one line so the reasons get the width.
  label: { whiteSpace: 'nowrap' },
});

/** The factors behind a risk score, the heaviest first. */
export function RiskFactorsTable(props: { factors: RiskFactor[] }) {
  const classes = useStyles();
  if (props.factors.length === 0) {
    return <Typography>No risk factors apply to this server.</Typography>;
  }
  const factors = [...props.factors].sort((a, b) => b.points - a.points);
  return (
    <Table size="small" aria-label="Risk factors">
      <TableHead>
        <TableRow>
          <TableCell className={classes.label}>Dimension</TableCell>
          <TableCell align="right" className={classes.label}>
            Points
          </TableCell>
          <TableCell>Reason</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {factors.map(factor => (
          <TableRow key={factor.id}>
            <TableCell className={classes.label}>
              {dimensions[factor.dimension]}
            </TableCell>
            <TableCell align="right">{factor.points}</TableCell>
            <TableCell>{factor.reason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

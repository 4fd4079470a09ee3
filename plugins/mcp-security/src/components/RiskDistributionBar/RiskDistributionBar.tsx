import { makeStyles } from '@material-ui/core/styles';
import { RiskLevel } from '@mcp-server-operator/plugin-mcp-security-common';
import { riskColours, riskLevels, riskSummary } from './riskColours';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    width: theme.spacing(14),
    height: theme.spacing(1.5),
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
    backgroundColor: theme.palette.action.disabledBackground,
  },
  segment: {
    height: '100%',
    // A thin gap keeps neighbouring levels apart for colour-blind readers.
    '& + &': { borderLeft: `2px solid ${theme.palette.background.paper}` },
  },
}));

/**
 * How many servers of a group sit at each risk level, as one small stacked
 * bar, lowest risk on the left, in the colours of the risk level chips. One
 * image to assistive technology, named by the counts.
 */
export function RiskDistributionBar(props: {
  risk: Record<RiskLevel, number>;
}) {
  const { risk } = props;
  const classes = useStyles();
  const summary = riskSummary(risk);
  return (
    <div
      className={classes.bar}
      role="img"
      aria-label={`Servers by risk: ${summary}`}
      title={summary}
    >
      {riskLevels
        .filter(level => (risk[level] ?? 0) > 0)
        .map(level => (
          <span
            key={level}
            className={classes.segment}
            style={{
              flexGrow: risk[level],
              backgroundColor: riskColours[level],
            }}
          />
        ))}
    </div>
  );
}

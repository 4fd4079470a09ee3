import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  RecommendationWithDecision,
  ResidualRisk,
  RiskAssessment,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { RiskLevelChip } from '../RiskLevelChip';

const useStyles = makeStyles(theme => ({
  points: {
    minWidth: theme.spacing(6),
    marginRight: theme.spacing(2),
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
    fontWeight: theme.typography.fontWeightBold as number,
  },
  title: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
}));

/**
 * The risk left once the implemented recommendations are counted, with the
 * points each one took off. Nothing when it equals the risk, as it then adds
 * nothing to read.
 */
export function ResidualRiskSummary(props: {
  risk: RiskAssessment;
  residualRisk: ResidualRisk;
  recommendations: RecommendationWithDecision[];
}) {
  const { risk, residualRisk, recommendations } = props;
  const classes = useStyles();
  if (residualRisk.level === risk.level && residualRisk.score === risk.score) {
    return null;
  }
  const titles = new Map(recommendations.map(r => [r.controlId, r.title]));
  const reductions = [...residualRisk.reductions].sort(
    (a, b) => b.points - a.points,
  );
  return (
    <Box mt={3}>
      <Typography variant="h6" component="h3" gutterBottom>
        Residual risk
      </Typography>
      <Box display="flex" alignItems="center" gridGap={8} mb={1}>
        <RiskLevelChip level={residualRisk.level} />
        <Typography>Score {residualRisk.score}/100</Typography>
      </Box>
      <Typography>
        −{risk.score - residualRisk.score} points from implemented
        recommendations
      </Typography>
      <List dense aria-label="Risk reductions">
        {reductions.map(reduction => (
          <ListItem
            key={`${reduction.controlId}-${reduction.factor}`}
            disableGutters
          >
            <Typography component="span" className={classes.points}>
              −{reduction.points}
            </Typography>
            <ListItemText
              className={classes.title}
              primary={titles.get(reduction.controlId) ?? reduction.controlId}
              secondary={`on ${reduction.factor}`}
            />
          </ListItem>
        ))}
      </List>
    </Box>
  );
}

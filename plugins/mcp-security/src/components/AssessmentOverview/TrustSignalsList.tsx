import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { TrustSignal } from '@mcp-server-operator/plugin-mcp-security-common';

const useStyles = makeStyles(theme => ({
  points: {
    minWidth: theme.spacing(6),
    marginRight: theme.spacing(2),
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
    fontWeight: theme.typography.fontWeightBold as number,
  },
  // The Backstage theme keeps list text on one line with an ellipsis; reasons
  // must be read whole, and registry names and URLs may need to break anywhere.
  reason: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
}));

/** Signed, so that what raises trust and what lowers it read apart at a glance. */
function formatPoints(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

/** The signals behind a trust score, in the order the engine weighed them. */
export function TrustSignalsList(props: { signals: TrustSignal[] }) {
  const classes = useStyles();
  if (props.signals.length === 0) {
    return (
      <Typography>No trust signals were found for this server.</Typography>
    );
  }
  return (
    <List dense aria-label="Trust signals">
      {props.signals.map(signal => (
        <ListItem key={signal.id} disableGutters>
          <Typography component="span" className={classes.points}>
            {formatPoints(signal.points)}
          </Typography>
          <ListItemText primary={signal.reason} className={classes.reason} />
        </ListItem>
      ))}
    </List>
  );
}

import Chip from '@material-ui/core/Chip';
import { amber, grey, orange, red } from '@material-ui/core/colors';
import { makeStyles } from '@material-ui/core/styles';
import { Priority } from '@mcp-server-operator/plugin-mcp-security-common';

const darkText = 'rgba(0, 0, 0, 0.87)';

// The colours of the risk levels, most urgent red, so that P1 reads like
// critical. Text colours keep a WCAG AA contrast ratio of at least 4.5:1.
const useStyles = makeStyles({
  P1: { backgroundColor: red[800], color: '#fff' },
  P2: { backgroundColor: orange[800], color: darkText },
  P3: { backgroundColor: amber[500], color: darkText },
  P4: { backgroundColor: grey[300], color: darkText },
});

/** The priority of a recommendation, P1 (do first) to P4. */
export function PriorityChip(props: { priority: Priority }) {
  const { priority } = props;
  const classes = useStyles();
  return (
    <Chip
      // A chip is a plain div, which may not carry an aria-label without a role.
      role="img"
      aria-label={`Priority ${priority}`}
      className={classes[priority]}
      label={priority}
      size="small"
    />
  );
}

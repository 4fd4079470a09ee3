import Chip from '@material-ui/core/Chip';
import { blue, green, grey } from '@material-ui/core/colors';
import { makeStyles } from '@material-ui/core/styles';
import { RecommendationStatus } from '@mcp-server-operator/plugin-mcp-security-common';

// Open is outlined: it is the state that still asks for a decision. The
// filled colours keep a WCAG AA contrast ratio of at least 4.5:1 with white.
const useStyles = makeStyles({
  open: {},
  accepted: { backgroundColor: blue[700], color: '#fff' },
  implemented: { backgroundColor: green[800], color: '#fff' },
  dismissed: { backgroundColor: grey[700], color: '#fff' },
});

/** Human labels of the recommendation statuses, for chips, counts and actions. */
export const recommendationStatusLabels: Record<RecommendationStatus, string> =
  {
    open: 'Open',
    accepted: 'Accepted',
    implemented: 'Implemented',
    dismissed: 'Dismissed',
  };

/** Where the owner stands on a recommendation. */
export function RecommendationStatusChip(props: {
  status: RecommendationStatus;
}) {
  const { status } = props;
  const classes = useStyles();
  return (
    <Chip
      // A chip is a plain div, which may not carry an aria-label without a role.
      role="img"
      aria-label={`Status: ${status}`}
      className={classes[status]}
      label={recommendationStatusLabels[status]}
      size="small"
      variant={status === 'open' ? 'outlined' : 'default'}
    />
  );
}

import Chip from '@material-ui/core/Chip';
import {
  blue,
  deepOrange,
  green,
  grey,
  indigo,
  red,
} from '@material-ui/core/colors';
import { makeStyles } from '@material-ui/core/styles';
import { ChangeState } from '@mcp-server-operator/plugin-mcp-security-common';

// A draft is outlined: nobody but its requester has seen it yet. The filled
// colours keep a WCAG AA contrast ratio of at least 4.5:1 with white.
const useStyles = makeStyles({
  draft: {},
  submitted: { backgroundColor: blue[700], color: '#fff' },
  approved: { backgroundColor: green[800], color: '#fff' },
  rejected: { backgroundColor: red[800], color: '#fff' },
  implemented: { backgroundColor: indigo[500], color: '#fff' },
  verified: { backgroundColor: green[900], color: '#fff' },
  'rolled-back': { backgroundColor: deepOrange[900], color: '#fff' },
  cancelled: { backgroundColor: grey[700], color: '#fff' },
});

/** Human labels of the change states, for chips and the timeline. */
export const changeStateLabels: Record<ChangeState, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
  implemented: 'Implemented',
  verified: 'Verified',
  'rolled-back': 'Rolled back',
  cancelled: 'Cancelled',
};

/** Where a change request stands in its workflow. */
export function ChangeStateChip(props: { state: ChangeState }) {
  const { state } = props;
  const classes = useStyles();
  return (
    <Chip
      // A chip is a plain div, which may not carry an aria-label without a role.
      role="img"
      aria-label={`State: ${changeStateLabels[state].toLocaleLowerCase()}`}
      className={classes[state]}
      label={changeStateLabels[state]}
      size="small"
      variant={state === 'draft' ? 'outlined' : 'default'}
    />
  );
}

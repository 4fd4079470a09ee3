import Chip from '@material-ui/core/Chip';
import { amber, red } from '@material-ui/core/colors';
import { makeStyles } from '@material-ui/core/styles';
import { MaintenanceDueStatus } from '@mcp-server-operator/plugin-mcp-security-common';

const DAY = 24 * 60 * 60 * 1000;

// Overdue takes the error colour of critical risk, due soon the amber of
// medium risk; upcoming is outlined, as it asks for nothing yet. The filled
// colours keep a WCAG AA contrast ratio of at least 4.5:1 with their text.
const useStyles = makeStyles({
  overdue: { backgroundColor: red[800], color: '#fff' },
  'due-soon': { backgroundColor: amber[500], color: 'rgba(0, 0, 0, 0.87)' },
  upcoming: {},
});

function days(count: number): string {
  return `${count} ${count === 1 ? 'day' : 'days'}`;
}

/** "Overdue by 3 days", "Due in 5 days": whole days, rounded down. */
function dueLabel(
  status: MaintenanceDueStatus,
  nextDueAt: string,
  now: Date,
): string {
  const due = new Date(nextDueAt).getTime();
  if (status === 'overdue') {
    const late = Math.floor((now.getTime() - due) / DAY);
    return late < 1 ? 'Overdue by less than a day' : `Overdue by ${days(late)}`;
  }
  const left = Math.floor((due - now.getTime()) / DAY);
  return left < 1 ? 'Due within a day' : `Due in ${days(left)}`;
}

/**
 * How soon a maintenance task is due, as a chip that says it in words:
 * overdue red, due soon amber, upcoming outlined. The status is the
 * backend's, which knows how long "soon" is for each cadence.
 */
export function MaintenanceDueChip(props: {
  status: MaintenanceDueStatus;
  nextDueAt: string;
  now: Date;
}) {
  const { status, nextDueAt, now } = props;
  const classes = useStyles();
  return (
    <Chip
      className={classes[status]}
      label={dueLabel(status, nextDueAt, now)}
      size="small"
      variant={status === 'upcoming' ? 'outlined' : 'default'}
    />
  );
}

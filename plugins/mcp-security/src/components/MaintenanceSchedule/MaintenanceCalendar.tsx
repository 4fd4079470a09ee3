import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { MaintenanceTaskView } from '@mcp-server-operator/plugin-mcp-security-common';
import { dueDays } from './schedule';

/** About a quarter, the longest cadence: far enough to plan, near enough to read. */
const DAYS_AHEAD = 90;

const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

const useStyles = makeStyles(theme => ({
  days: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(14rem, 1fr))',
    gap: theme.spacing(1),
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  day: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1),
  },
  tasks: { margin: 0, paddingLeft: theme.spacing(2) },
  daily: { marginBottom: theme.spacing(2) },
}));

const dailyId = 'mcp-security-maintenance-every-day';

/** The local date as `YYYY-MM-DD`, for `<time dateTime>`. */
function localDate(day: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(
    day.getDate(),
  )}`;
}

/**
 * The next 90 days at a glance, in the user's time zone: the daily tasks
 * once, as they fill every day, then only the days on which another task
 * falls due, each with its tasks, repeated at their cadences.
 */
export function MaintenanceCalendar(props: {
  tasks: MaintenanceTaskView[];
  now: Date;
}) {
  const classes = useStyles();
  const daily = props.tasks.filter(task => task.cadence === 'daily');
  const days = dueDays(
    props.tasks.filter(task => task.cadence !== 'daily'),
    props.now,
    DAYS_AHEAD,
  );
  if (daily.length === 0 && days.length === 0) {
    return (
      <Typography>Nothing falls due in the next {DAYS_AHEAD} days.</Typography>
    );
  }
  return (
    <>
      {daily.length > 0 && (
        <section className={classes.daily} aria-labelledby={dailyId}>
          <Typography variant="subtitle2" component="h3" id={dailyId}>
            Every day
          </Typography>
          <ul className={classes.tasks}>
            {daily.map(task => (
              <li key={task.taskId}>
                <Typography variant="body2">{task.title}</Typography>
              </li>
            ))}
          </ul>
        </section>
      )}
      {days.length > 0 && (
        <ol
          className={classes.days}
          aria-label={`Maintenance due in the next ${DAYS_AHEAD} days`}
        >
          {days.map(({ day, occurrences }) => (
            <li key={day.getTime()} className={classes.day}>
              <Typography variant="subtitle2" component="p">
                <time dateTime={localDate(day)}>{dayFormat.format(day)}</time>
              </Typography>
              <ul className={classes.tasks}>
                {occurrences.map(({ task, dueAt }) => (
                  <li key={`${task.taskId}-${dueAt.getTime()}`}>
                    <Typography variant="body2">{task.title}</Typography>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

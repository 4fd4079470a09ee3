const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

// Schedules are computed in UTC, and reports compare times across time zones,
// so the UTC time is one hover away.
const utcFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/**
 * A moment in the user's locale and time zone, with the UTC time as its
 * tooltip and the exact ISO time kept in the markup for assistive technology
 * and copying.
 */
export function Timestamp(props: { value: string }) {
  const date = new Date(props.value);
  return (
    <time dateTime={props.value} title={`${utcFormat.format(date)} UTC`}>
      {dateTimeFormat.format(date)}
    </time>
  );
}

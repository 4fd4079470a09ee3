const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/**
 * A moment in the user's locale and time zone, with the exact ISO time kept
 * in the markup for assistive technology and copying.
 */
export function Timestamp(props: { value: string }) {
  return (
    <time dateTime={props.value}>
      {dateTimeFormat.format(new Date(props.value))}
    </time>
  );
}

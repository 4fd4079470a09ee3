import { ResponseError } from '@backstage/errors';
import Alert from '@material-ui/lab/Alert';

/**
 * Why an action failed, next to the control that started it, so that the
 * user sees it without losing their place.
 */
export function ActionError(props: { action: string; error: Error }) {
  const { action, error } = props;
  // A ResponseError's own message is only the HTTP status; the backend's
  // reason (a denied permission, a missing note) is in its cause.
  const reason =
    error instanceof ResponseError ? error.cause.message : error.message;
  return (
    <Alert severity="error">
      Could not {action}: {reason}
    </Alert>
  );
}

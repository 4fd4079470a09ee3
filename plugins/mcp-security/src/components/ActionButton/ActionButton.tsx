import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { ActionError } from '../ActionError';

/**
 * A button that runs an asynchronous action: disabled while it runs, and the
 * reason beneath it when the action fails, so that a failed download or
 * refresh says why without taking the card it sits on away.
 */
export function ActionButton(props: {
  icon: ReactNode;
  label: string;
  /** Shown instead of the label while the action runs. */
  busyLabel?: string;
  /** What the action does, for its error: "Could not <action>: …". */
  action: string;
  onClick: () => Promise<void>;
}) {
  const { icon, label, busyLabel, action, onClick } = props;
  const [{ loading, error }, run] = useAsyncFn(onClick, [onClick]);
  return (
    <Box
      display="flex"
      flexDirection="column"
      alignItems="flex-end"
      gridGap={8}
    >
      <Button
        variant="outlined"
        color="primary"
        startIcon={icon}
        onClick={run}
        disabled={loading}
      >
        {loading && busyLabel ? busyLabel : label}
      </Button>
      {error && <ActionError action={action} error={error} />}
    </Box>
  );
}

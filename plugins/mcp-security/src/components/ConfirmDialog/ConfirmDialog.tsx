import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { ReactNode } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { ActionError } from '../ActionError';

/**
 * The shell of a dialog that asks for input before an action: title,
 * explanation, the fields, why the action failed, and Cancel and confirm
 * buttons. The confirm button is disabled until the fields are valid and
 * while the action runs.
 */
export function ConfirmDialog(props: {
  /** The title's element id, which labels the dialog. */
  titleId: string;
  title: ReactNode;
  explanation: ReactNode;
  children: ReactNode;
  /** What the action does, for its error: "Could not <action>: …". */
  action: string;
  confirmLabel: string;
  cancelLabel?: string;
  canConfirm: boolean;
  onCancel: () => void;
  onConfirm: () => Promise<void>;
}) {
  const {
    titleId,
    title,
    explanation,
    children,
    action,
    confirmLabel,
    cancelLabel = 'Cancel',
    canConfirm,
    onCancel,
    onConfirm,
  } = props;
  const [{ loading, error }, confirm] = useAsyncFn(onConfirm, [onConfirm]);
  return (
    <Dialog open onClose={onCancel} aria-labelledby={titleId} fullWidth>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{explanation}</DialogContentText>
        {children}
        {error && (
          <Box mt={2}>
            <ActionError action={action} error={error} />
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{cancelLabel}</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={confirm}
          disabled={!canConfirm || loading}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

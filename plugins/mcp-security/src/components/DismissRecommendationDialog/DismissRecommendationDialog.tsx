import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import {
  RecommendationDecisionRequest,
  recommendationDecisionRequestSchema,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { ActionError } from '../ActionError';

/**
 * Asks why a recommendation is dismissed before dismissing it: the reason is
 * what owners and auditors read later, and the backend refuses a dismissal
 * without one. Mount it only while open, so that every dismissal starts with
 * an empty reason.
 */
export function DismissRecommendationDialog(props: {
  controlId: string;
  title: string;
  onCancel: () => void;
  onConfirm: (request: RecommendationDecisionRequest) => Promise<void>;
}) {
  const { controlId, title, onCancel, onConfirm } = props;
  const [note, setNote] = useState('');
  // The backend's own schema decides what counts as a reason (trimmed, not
  // empty, not too long), so the button and the API always agree.
  const parsed = recommendationDecisionRequestSchema.safeParse({
    status: 'dismissed',
    note,
  });
  const [{ loading, error }, confirm] = useAsyncFn(async () => {
    if (parsed.success) {
      await onConfirm(parsed.data);
    }
  }, [parsed, onConfirm]);
  const titleId = `dismiss-${controlId}-title`;

  return (
    <Dialog open onClose={onCancel} aria-labelledby={titleId} fullWidth>
      <DialogTitle id={titleId}>Dismiss “{title}”</DialogTitle>
      <DialogContent>
        <DialogContentText>
          Say why this recommendation does not apply to this server, or why its
          risk is accepted. The reason is kept with the decision.
        </DialogContentText>
        <TextField
          id={`dismiss-${controlId}-reason`}
          label="Reason"
          value={note}
          onChange={event => setNote(event.target.value)}
          required
          multiline
          minRows={3}
          fullWidth
          variant="outlined"
          inputProps={{ maxLength: 2000 }}
        />
        {error && (
          <ActionError action="dismiss the recommendation" error={error} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={confirm}
          disabled={!parsed.success || loading}
        >
          Dismiss
        </Button>
      </DialogActions>
    </Dialog>
  );
}

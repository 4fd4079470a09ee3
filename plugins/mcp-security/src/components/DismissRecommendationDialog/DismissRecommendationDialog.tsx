import TextField from '@material-ui/core/TextField';
import {
  RecommendationDecisionForm,
  recommendationDecisionFormSchema,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { useState } from 'react';
import { ConfirmDialog } from '../ConfirmDialog';

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
  onConfirm: (decision: RecommendationDecisionForm) => Promise<void>;
}) {
  const { controlId, title, onCancel, onConfirm } = props;
  const [note, setNote] = useState('');
  // The backend's own schema decides what counts as a reason (trimmed, not
  // empty, not too long), so the button and the API always agree.
  const parsed = recommendationDecisionFormSchema.safeParse({
    status: 'dismissed',
    note,
  });

  return (
    <ConfirmDialog
      titleId={`dismiss-${controlId}-title`}
      title={<>Dismiss “{title}”</>}
      explanation="Say why this recommendation does not apply to this server, or why its risk is accepted. The reason is kept with the decision."
      action="dismiss the recommendation"
      confirmLabel="Dismiss"
      canConfirm={parsed.success}
      onCancel={onCancel}
      onConfirm={async () => {
        if (parsed.success) {
          await onConfirm(parsed.data);
        }
      }}
    >
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
    </ConfirmDialog>
  );
}

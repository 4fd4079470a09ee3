import TextField from '@material-ui/core/TextField';
import {
  ChangeTransition,
  changeTransitionRequestSchema,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { useState } from 'react';
import { ConfirmDialog } from '../ConfirmDialog';

/** The transitions that ask for a comment first; a rejection needs one. */
export type CommentedTransition = Extract<
  ChangeTransition,
  'approve' | 'reject' | 'roll-back' | 'cancel'
>;

const texts: Record<
  CommentedTransition,
  { title: string; confirm: string; explanation: string }
> = {
  approve: {
    title: 'Approve',
    confirm: 'Approve',
    explanation:
      'Your approval counts towards the approvals this change needs. Add what you checked, if you like.',
  },
  reject: {
    title: 'Reject',
    confirm: 'Reject',
    explanation:
      'A rejection closes the change. Say why, so that the requester knows what to change in a new request.',
  },
  'roll-back': {
    title: 'Roll back',
    confirm: 'Roll back',
    explanation:
      'Record that the change was undone, following its rollback plan. Say what happened, if you like.',
  },
  cancel: {
    title: 'Cancel',
    confirm: 'Cancel change',
    explanation:
      'A cancelled change cannot be submitted again. Say why, if you like.',
  },
};

/**
 * Asks for the comment that goes with a decision on a change before making
 * it: required to reject, optional otherwise. Mount it only while open, so
 * that every decision starts with an empty comment.
 */
export function ChangeTransitionDialog(props: {
  changeId: string;
  changeTitle: string;
  transition: CommentedTransition;
  onCancel: () => void;
  onConfirm: (comment?: string) => Promise<void>;
}) {
  const { changeId, changeTitle, transition, onCancel, onConfirm } = props;
  const [comment, setComment] = useState('');
  const required = transition === 'reject';
  // The backend's own schema trims and bounds the comment; version 1 is a
  // placeholder, as only the comment is checked here.
  const parsed = changeTransitionRequestSchema.safeParse({
    version: 1,
    comment,
  });
  const valid = parsed.success && (!required || !!parsed.data.comment);
  const text = texts[transition];

  return (
    <ConfirmDialog
      titleId={`${transition}-${changeId}-title`}
      title={
        <>
          {text.title} “{changeTitle}”
        </>
      }
      explanation={text.explanation}
      action={`${text.title.toLocaleLowerCase()} the change`}
      confirmLabel={text.confirm}
      cancelLabel="Back"
      canConfirm={valid}
      onCancel={onCancel}
      onConfirm={async () => {
        if (parsed.success) {
          await onConfirm(parsed.data.comment || undefined);
        }
      }}
    >
      <TextField
        id={`${transition}-${changeId}-comment`}
        label={required ? 'Reason' : 'Comment (optional)'}
        value={comment}
        onChange={event => setComment(event.target.value)}
        required={required}
        multiline
        minRows={3}
        fullWidth
        variant="outlined"
        inputProps={{ maxLength: 5000 }}
      />
    </ConfirmDialog>
  );
}

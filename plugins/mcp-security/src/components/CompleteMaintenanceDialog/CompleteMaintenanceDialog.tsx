import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import {
  MaintenanceCompletionRequest,
  maintenanceCompletionRequestSchema,
  MaintenanceOutcome,
  maintenanceOutcomeSchema,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { useState } from 'react';
import { ConfirmDialog } from '../ConfirmDialog';

/** Human labels of the completion outcomes, for the dialog and the history. */
export const maintenanceOutcomeLabels: Record<MaintenanceOutcome, string> = {
  done: 'Done',
  'done-with-issues': 'Done with issues',
  'skipped-with-reason': 'Skipped',
};

const useStyles = makeStyles(theme => ({
  field: { marginTop: theme.spacing(2) },
}));

/**
 * Records a completion of a maintenance task: its outcome and the evidence,
 * which auditors read later and the backend requires (for a skip, the
 * reason). Mount it only while open, so that every completion starts afresh.
 */
export function CompleteMaintenanceDialog(props: {
  taskId: string;
  title: string;
  /** What the knowledge base asks the person completing the task to record. */
  evidence: string;
  onCancel: () => void;
  onConfirm: (request: MaintenanceCompletionRequest) => Promise<void>;
}) {
  const { taskId, title, evidence: expected, onCancel, onConfirm } = props;
  const classes = useStyles();
  const [outcome, setOutcome] = useState<MaintenanceOutcome>('done');
  const [evidence, setEvidence] = useState('');
  // The backend's own schema decides what counts as evidence (trimmed, not
  // empty, not too long), so the button and the API always agree.
  const parsed = maintenanceCompletionRequestSchema.safeParse({
    outcome,
    evidence,
  });

  return (
    <ConfirmDialog
      titleId={`complete-${taskId}-title`}
      title={<>Complete “{title}”</>}
      explanation={<>The next cycle starts now. Record: {expected}</>}
      action="record the completion"
      confirmLabel="Complete"
      canConfirm={parsed.success}
      onCancel={onCancel}
      onConfirm={async () => {
        if (parsed.success) {
          await onConfirm(parsed.data);
        }
      }}
    >
      <FormControl component="fieldset">
        <FormLabel component="legend">Outcome</FormLabel>
        <RadioGroup
          row
          name={`complete-${taskId}-outcome`}
          value={outcome}
          onChange={event =>
            setOutcome(maintenanceOutcomeSchema.parse(event.target.value))
          }
        >
          {maintenanceOutcomeSchema.options.map(option => (
            <FormControlLabel
              key={option}
              value={option}
              control={<Radio color="primary" />}
              label={maintenanceOutcomeLabels[option]}
            />
          ))}
        </RadioGroup>
      </FormControl>
      <TextField
        id={`complete-${taskId}-evidence`}
        className={classes.field}
        label={
          outcome === 'skipped-with-reason' ? 'Reason for skipping' : 'Evidence'
        }
        value={evidence}
        onChange={event => setEvidence(event.target.value)}
        required
        multiline
        minRows={4}
        fullWidth
        variant="outlined"
        inputProps={{ maxLength: 10000 }}
      />
    </ConfirmDialog>
  );
}

import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  changeCreateRequestSchema,
  ChangeRequestView,
  changeRiskLevel,
  ChangeType,
  requirementsFor,
  RiskLevel,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { useState } from 'react';
import {
  ChangeApprovalPolicy,
  mcpSecurityApiRef,
  PolicyDuration,
} from '../../api';
import { ConfirmDialog } from '../ConfirmDialog';
import { RiskLevelChip } from '../RiskLevelChip';

const useStyles = makeStyles(theme => ({
  field: { marginTop: theme.spacing(2) },
  window: { display: 'flex', gap: theme.spacing(2), flexWrap: 'wrap' },
}));

/** `{ hours: 48 }` → `48 hours`. */
export function durationText(duration: PolicyDuration): string {
  return (['days', 'hours', 'minutes'] as const)
    .filter(unit => duration[unit])
    .map(unit => {
      const count = duration[unit]!;
      return `${count} ${count === 1 ? unit.slice(0, -1) : unit}`;
    })
    .join(' ');
}

/** A `datetime-local` value (the user's time zone) as an ISO time, or nothing. */
function isoTime(value: string): string | undefined {
  if (!value) {
    return undefined;
  }
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

function Requirements(props: {
  changeType: ChangeType;
  serverRisk: RiskLevel;
  policy: ChangeApprovalPolicy;
}) {
  const { changeType, serverRisk, policy } = props;
  const classes = useStyles();
  const riskLevel = changeRiskLevel(changeType.baseRisk, serverRisk);
  const { approvals, requiredGroups } = requirementsFor(
    changeType,
    riskLevel,
    policy,
  );
  return (
    <Box
      className={classes.field}
      component="section"
      aria-label="What this change needs"
    >
      <Alert severity="info" icon={false} role="note">
        <Typography variant="body2" component="div">
          Risk <RiskLevelChip level={riskLevel} />:{' '}
          {`the type “${changeType.title}” carries at least ${changeType.baseRisk} risk, and this server is ${serverRisk} risk.`}
        </Typography>
        <Typography variant="body2">
          Needs {approvals} approval{approvals === 1 ? '' : 's'}
          {requiredGroups.length > 0 && (
            <>
              , including{' '}
              <EntityRefLinks entityRefs={requiredGroups} hideIcons />
            </>
          )}
          , from people other than you. An approval holds for{' '}
          {durationText(policy.approvalExpiry)}.
        </Typography>
      </Alert>
    </Box>
  );
}

/**
 * Requests a change to a server: the type (with its description), what and
 * why, how to roll it back, when, and for types that allow it the emergency
 * path; before submitting it shows the change's risk and the approvals it
 * will need, by the same rules as the backend. Submitting creates a draft
 * and submits it; if the submission fails the draft is kept, reported
 * through `onSaved`, and submitting again only retries the submission. Mount
 * it only while open, so that every request starts afresh.
 */
export function RequestChangeDialog(props: {
  entityRef: string;
  serverRisk: RiskLevel;
  changeTypes: ChangeType[];
  policy: ChangeApprovalPolicy;
  onClose: () => void;
  /** The change as saved: the draft, then the submitted change. */
  onSaved: (change: ChangeRequestView) => void;
}) {
  const { entityRef, serverRisk, changeTypes, policy, onClose, onSaved } =
    props;
  const classes = useStyles();
  const mcpSecurityApi = useApi(mcpSecurityApiRef);
  const [typeId, setTypeId] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [rollbackPlan, setRollbackPlan] = useState('');
  const [plannedStart, setPlannedStart] = useState('');
  const [plannedEnd, setPlannedEnd] = useState('');
  const [emergency, setEmergency] = useState(false);
  // Set once the draft exists, so that a failed submission is retried
  // without creating a second draft.
  const [draft, setDraft] = useState<ChangeRequestView>();

  const changeType = changeTypes.find(type => type.id === typeId);
  // The backend's own schema decides what is valid, so that the button and
  // the API agree; a rollback plan is only required to submit.
  const parsed = changeCreateRequestSchema.safeParse({
    changeType: typeId,
    title,
    description,
    rollbackPlan,
    ...(isoTime(plannedStart) ? { plannedStart: isoTime(plannedStart) } : {}),
    ...(isoTime(plannedEnd) ? { plannedEnd: isoTime(plannedEnd) } : {}),
    emergency: !!changeType?.emergencyAllowed && emergency,
  });
  const endBeforeStart =
    !parsed.success &&
    parsed.error.issues.some(issue => issue.path[0] === 'plannedEnd');
  const valid = parsed.success && !!parsed.data.rollbackPlan;

  const submit = async () => {
    let saved = draft;
    if (!saved) {
      if (!parsed.success) {
        return;
      }
      saved = await mcpSecurityApi.createChange(entityRef, parsed.data);
      setDraft(saved);
      onSaved(saved);
    }
    onSaved(
      await mcpSecurityApi.transitionChange(saved.id, 'submit', {
        version: saved.version,
      }),
    );
    onClose();
  };

  return (
    <ConfirmDialog
      titleId="request-change-title"
      title="Request a change"
      explanation="The change is submitted for approval; its risk decides how many approvals it needs and from whom."
      action={
        draft
          ? 'submit the change; it was saved as a draft'
          : 'request the change'
      }
      confirmLabel="Submit for approval"
      canConfirm={!!draft || valid}
      onCancel={onClose}
      onConfirm={submit}
    >
      <TextField
        id="request-change-type"
        select
        SelectProps={{ native: true }}
        label="Change type"
        value={typeId}
        onChange={event => {
          setTypeId(event.target.value);
          setEmergency(false);
        }}
        required
        fullWidth
        variant="outlined"
        disabled={!!draft}
        InputLabelProps={{ shrink: true }}
        helperText={changeType?.description ?? 'What kind of change this is'}
      >
        <option value="" disabled>
          Choose a type
        </option>
        {changeTypes.map(type => (
          <option key={type.id} value={type.id}>
            {type.title}
          </option>
        ))}
      </TextField>
      <TextField
        id="request-change-title-field"
        className={classes.field}
        label="Title"
        value={title}
        onChange={event => setTitle(event.target.value)}
        required
        fullWidth
        variant="outlined"
        disabled={!!draft}
        inputProps={{ maxLength: 200 }}
      />
      <TextField
        id="request-change-description"
        className={classes.field}
        label="Description"
        helperText="What changes, and why"
        value={description}
        onChange={event => setDescription(event.target.value)}
        required
        multiline
        minRows={3}
        fullWidth
        variant="outlined"
        disabled={!!draft}
        inputProps={{ maxLength: 10000 }}
      />
      <TextField
        id="request-change-rollback"
        className={classes.field}
        label="Rollback plan"
        helperText="How to undo the change if it goes wrong; required to submit"
        value={rollbackPlan}
        onChange={event => setRollbackPlan(event.target.value)}
        required
        multiline
        minRows={2}
        fullWidth
        variant="outlined"
        disabled={!!draft}
        inputProps={{ maxLength: 10000 }}
      />
      <div className={`${classes.field} ${classes.window}`}>
        <TextField
          id="request-change-start"
          label="Planned start"
          type="datetime-local"
          value={plannedStart}
          onChange={event => setPlannedStart(event.target.value)}
          variant="outlined"
          disabled={!!draft}
          InputLabelProps={{ shrink: true }}
        />
        <TextField
          id="request-change-end"
          label="Planned end"
          type="datetime-local"
          value={plannedEnd}
          onChange={event => setPlannedEnd(event.target.value)}
          variant="outlined"
          disabled={!!draft}
          InputLabelProps={{ shrink: true }}
          error={endBeforeStart}
          helperText={endBeforeStart ? 'Must not be before the start' : ' '}
        />
      </div>
      {changeType?.emergencyAllowed && (
        <Box className={classes.field}>
          <FormControlLabel
            control={
              <Switch
                color="primary"
                checked={emergency}
                onChange={event => setEmergency(event.target.checked)}
                disabled={!!draft}
              />
            }
            label="Emergency change"
          />
          <FormHelperText>
            May be implemented before it is approved; it must then be reviewed
            within {durationText(policy.emergencyReviewWindow)}.
          </FormHelperText>
        </Box>
      )}
      {changeType && (
        <Requirements
          changeType={changeType}
          serverRisk={serverRisk}
          policy={policy}
        />
      )}
    </ConfirmDialog>
  );
}

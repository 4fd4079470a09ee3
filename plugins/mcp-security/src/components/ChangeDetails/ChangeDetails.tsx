import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ChangeEvent,
  ChangeRequestView,
  ChangeVote,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { changeStateLabels } from '../ChangeStateChip';
import { DetailSection } from '../DetailSection';
import { Timestamp } from '../Timestamp';
import { approvalProgress, awaitsVotes } from './progress';

const useStyles = makeStyles(theme => ({
  // Descriptions and plans are typed line by line; keep their lines.
  text: { whiteSpace: 'pre-wrap' },
  list: { margin: 0, paddingLeft: theme.spacing(3) },
}));

const eventLabels: Record<ChangeEvent['transition'], string> = {
  create: 'Created',
  submit: 'Submitted',
  approve: 'Approved',
  reject: 'Rejected',
  implement: 'Implemented',
  verify: 'Verified',
  'roll-back': 'Rolled back',
  cancel: 'Cancelled',
};

function stateLabel(state: ChangeEvent['to']) {
  return changeStateLabels[state].toLocaleLowerCase();
}

function Window(props: { change: ChangeRequestView }) {
  const { plannedStart, plannedEnd } = props.change;
  if (plannedStart && plannedEnd) {
    return (
      <>
        From <Timestamp value={plannedStart} /> to{' '}
        <Timestamp value={plannedEnd} />.
      </>
    );
  }
  if (plannedStart) {
    return (
      <>
        From <Timestamp value={plannedStart} />.
      </>
    );
  }
  if (plannedEnd) {
    return (
      <>
        Until <Timestamp value={plannedEnd} />.
      </>
    );
  }
  return <>Not planned.</>;
}

function Approval(props: { change: ChangeRequestView }) {
  const { change } = props;
  const progress = approvalProgress(change);
  const missing = awaitsVotes(change) ? change.missingGroups : [];
  const { requiredGroups } = change.requirements;
  return (
    <>
      <Typography variant="body2">
        {change.riskLevel.charAt(0).toLocaleUpperCase() +
          change.riskLevel.slice(1)}{' '}
        risk: needs {change.requirements.approvals} approval
        {change.requirements.approvals === 1 ? '' : 's'}
        {requiredGroups.length > 0 && (
          <>
            , including <EntityRefLinks entityRefs={requiredGroups} hideIcons />
          </>
        )}
        .{progress && !progress.startsWith('needs') && <> Now {progress}.</>}
      </Typography>
      {missing.length > 0 && (
        <Typography variant="body2">
          Still needed from <EntityRefLinks entityRefs={missing} hideIcons />.
        </Typography>
      )}
      {change.approvedAt && change.approvalExpiresAt && (
        <Typography variant="body2">
          Approved <Timestamp value={change.approvedAt} />;{' '}
          {change.approvalExpired ? (
            <>
              the approval expired{' '}
              <Timestamp value={change.approvalExpiresAt} />: submit the change
              again.
            </>
          ) : (
            <>
              the approval holds until{' '}
              <Timestamp value={change.approvalExpiresAt} />.
            </>
          )}
        </Typography>
      )}
      {change.reviewDueAt && (
        <Typography variant="body2">
          Emergency change implemented before approval: its review{' '}
          {change.reviewedAt ? (
            <>
              was completed <Timestamp value={change.reviewedAt} />.
            </>
          ) : (
            <>
              {change.reviewOverdue ? 'was due' : 'is due by'}{' '}
              <Timestamp value={change.reviewDueAt} />.
            </>
          )}
        </Typography>
      )}
    </>
  );
}

function Vote(props: { vote: ChangeVote }) {
  const { vote } = props;
  return (
    <li>
      <Typography variant="body2">
        {vote.decision === 'approve' ? 'Approved' : 'Rejected'}
        {vote.phase === 'post-review' && ' after implementation'} by{' '}
        <EntityRefLink entityRef={vote.voter} hideIcon /> on{' '}
        <Timestamp value={vote.at} />
        {vote.comment ? `: ${vote.comment}` : '.'}
      </Typography>
    </li>
  );
}

function Event(props: { event: ChangeEvent }) {
  const { event } = props;
  let states = stateLabel(event.to);
  if (event.from && event.from !== event.to) {
    states = `${stateLabel(event.from)} → ${stateLabel(event.to)}`;
  } else if (event.from) {
    states = `stays ${stateLabel(event.to)}`;
  }
  return (
    <li>
      <Typography variant="body2">
        <Timestamp value={event.at} />: {eventLabels[event.transition]} by{' '}
        <EntityRefLink entityRef={event.actor} hideIcon /> ({states})
        {event.comment ? `: ${event.comment}` : ''}
      </Typography>
    </li>
  );
}

/**
 * Everything about one change request: what and why, how to undo it, when it
 * is planned, what it needs and has of approvals, the votes cast and the
 * timeline of every transition, oldest first.
 */
export function ChangeDetails(props: { change: ChangeRequestView }) {
  const { change } = props;
  const classes = useStyles();
  return (
    <>
      <DetailSection title="Description">
        <Typography variant="body2" className={classes.text}>
          {change.description}
        </Typography>
      </DetailSection>
      <DetailSection title="Rollback plan">
        <Typography variant="body2" className={classes.text}>
          {change.rollbackPlan ||
            'None yet; a rollback plan is required to submit the change.'}
        </Typography>
      </DetailSection>
      <DetailSection title="Planned window">
        <Typography variant="body2">
          <Window change={change} />
        </Typography>
      </DetailSection>
      <DetailSection title="Approval">
        <Approval change={change} />
      </DetailSection>
      {change.votes.length > 0 && (
        <DetailSection title="Votes">
          <ul className={classes.list} aria-label="Votes">
            {change.votes.map(vote => (
              <Vote
                key={`${vote.voter}-${vote.phase}-${vote.at}`}
                vote={vote}
              />
            ))}
          </ul>
        </DetailSection>
      )}
      <DetailSection title="Timeline">
        <ol className={classes.list} aria-label="Timeline">
          {change.events.map((event, index) => (
            <Event key={index} event={event} />
          ))}
        </ol>
      </DetailSection>
    </>
  );
}

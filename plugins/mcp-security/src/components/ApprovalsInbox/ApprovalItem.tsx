import { Link } from '@backstage/core-components';
import {
  EntityDisplayName,
  EntityRefLink,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ChangeRequestView,
  currentVotes,
  votePhase,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { useState } from 'react';
import { ChangeActions, availableTransitions } from '../ChangeActions';
import { ChangeDetails, ChangeSummary } from '../ChangeDetails';
import { Timestamp } from '../Timestamp';
import { useMcpSecurityTabPath } from '../useMcpSecurityTabPath';

const useStyles = makeStyles(theme => ({
  item: {
    padding: theme.spacing(2),
    marginBottom: theme.spacing(2),
    listStyle: 'none',
  },
  line: { marginTop: theme.spacing(1) },
  toggle: { flexShrink: 0, whiteSpace: 'nowrap' },
}));

/** The path of a change on its server's MCP Security tab, which opens it there. */
function useChangeLink(change: ChangeRequestView): string {
  const tabPath = useMcpSecurityTabPath();
  return `${tabPath(change.entityRef)}?change=${encodeURIComponent(change.id)}`;
}

/** The user's own vote in the round that just closed or is still open, if any. */
function ownVote(change: ChangeRequestView, userRef: string) {
  const phase = votePhase(change);
  if (phase) {
    return currentVotes(change, phase).find(vote => vote.voter === userRef);
  }
  return change.votes.filter(vote => vote.voter === userRef).at(-1);
}

/**
 * A change waiting for the user's vote: what it is, on which server (linking
 * to the change on the server's MCP Security tab), who asked and when, its
 * details on demand, and Approve and Reject right there. After the vote it
 * stays in place, showing where the change now stands.
 */
export function ApprovalItem(props: {
  change: ChangeRequestView;
  typeTitle: string;
  userRef: string;
  onChange: (change: ChangeRequestView) => void;
}) {
  const { change, typeTitle, userRef, onChange } = props;
  const classes = useStyles();
  const link = useChangeLink(change);
  const [showDetails, setShowDetails] = useState(false);
  const vote = ownVote(change, userRef);
  const requested = change.events.find(e => e.transition === 'submit');
  const detailsId = `mcp-security-approval-${change.id}-details`;
  // The inbox lists only changes the user may vote on, so the backend has
  // checked the approve permission already.
  const transitions = availableTransitions(change, {
    userRef,
    canCreate: false,
    canApprove: true,
    canImplement: false,
  });
  return (
    <Paper
      component="li"
      variant="outlined"
      className={classes.item}
      aria-label={change.title}
    >
      <ChangeSummary change={change} typeTitle={typeTitle} />
      <Typography variant="body2" className={classes.line}>
        On{' '}
        <Link to={link}>
          <EntityDisplayName entityRef={change.entityRef} hideIcon />
        </Link>
        , requested by <EntityRefLink entityRef={change.requestedBy} hideIcon />
        {requested && (
          <>
            {' '}
            and submitted <Timestamp value={requested.at} />
          </>
        )}
        .
      </Typography>
      {vote && (
        <Typography variant="body2" className={classes.line}>
          You {vote.decision === 'approve' ? 'approved' : 'rejected'} this
          change <Timestamp value={vote.at} />.
        </Typography>
      )}
      <Collapse in={showDetails} unmountOnExit>
        <Box id={detailsId}>
          <ChangeDetails change={change} />
        </Box>
      </Collapse>
      <Box
        display="flex"
        alignItems="flex-start"
        justifyContent="space-between"
        className={classes.line}
      >
        <Button
          className={classes.toggle}
          aria-expanded={showDetails}
          aria-controls={detailsId}
          onClick={() => setShowDetails(shown => !shown)}
        >
          {showDetails ? 'Hide details' : 'Show details'}
        </Button>
        <ChangeActions
          change={change}
          transitions={transitions}
          onChange={onChange}
        />
      </Box>
    </Paper>
  );
}

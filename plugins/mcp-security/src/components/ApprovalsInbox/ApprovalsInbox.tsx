import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import { ChangeRequestView } from '@mcp-server-operator/plugin-mcp-security-common';
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mcpSecurityApiRef } from '../../api';
import { ApprovalItem } from './ApprovalItem';
import { headingProps } from '../cardHeading';

const useStyles = makeStyles({
  list: { margin: 0, padding: 0 },
});

/**
 * The approvals inbox: every change request waiting for the user's vote
 * (`awaiting=me`: submitted changes, and emergency changes awaiting their
 * review, on servers the user may approve changes for, not requested by the
 * user, not voted on yet), with Approve and Reject on each. A change stays
 * after the vote, showing where it now stands, until the inbox is reloaded.
 */
export function ApprovalsInbox() {
  const classes = useStyles();
  const mcpSecurityApi = useApi(mcpSecurityApiRef);
  const identityApi = useApi(identityApiRef);
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [changes, knowledge, identity] = await Promise.all([
      mcpSecurityApi.listChanges({ awaiting: 'me' }),
      mcpSecurityApi.getChangeTypes(),
      identityApi.getBackstageIdentity(),
    ]);
    return {
      changes: changes.items,
      typeTitles: new Map(knowledge.items.map(t => [t.id, t.title])),
      userRef: identity.userEntityRef,
    };
  }, [mcpSecurityApi, identityApi]);
  // Changes as they came back from a vote or a reload, over the loaded ones.
  const [saved, setSaved] = useState<Record<string, ChangeRequestView>>({});
  const save = useCallback(
    (change: ChangeRequestView) =>
      setSaved(previous => ({ ...previous, [change.id]: change })),
    [],
  );
  const reload = useCallback(() => {
    setSaved({});
    retry();
  }, [retry]);

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return null;
  }
  const changes = value.changes.map(change => saved[change.id] ?? change);
  return (
    <InfoCard
      title="Waiting for your approval"
      titleTypographyProps={headingProps}
      action={
        <Button
          variant="outlined"
          color="primary"
          startIcon={<RefreshIcon />}
          onClick={reload}
          disabled={loading}
        >
          Reload
        </Button>
      }
    >
      {changes.length === 0 ? (
        <Typography>No change is waiting for your vote.</Typography>
      ) : (
        <ul className={classes.list} aria-label="Changes waiting for your vote">
          {changes.map(change => (
            <ApprovalItem
              key={change.id}
              change={change}
              typeTitle={
                value.typeTitles.get(change.changeType) ?? change.changeType
              }
              userRef={value.userRef}
              onChange={save}
            />
          ))}
        </ul>
      )}
    </InfoCard>
  );
}

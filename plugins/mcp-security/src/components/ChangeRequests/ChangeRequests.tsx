import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import {
  ChangeRequestView,
  RiskLevel,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { useCallback, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { mcpSecurityApiRef } from '../../api';
import { RequestChangeDialog } from '../RequestChangeDialog';
import { ChangeItem } from './ChangeItem';
import { headingProps } from '../cardHeading';

/**
 * The change requests on a server, newest first (in one list, so that a
 * change keeps its place and its panel when its state changes); a **Request change** button for users who may
 * request changes, and on every change the actions the user may take. The
 * `can*` flags come from the permission framework; the backend enforces the
 * same permissions and also refuses a requester's vote on their own change,
 * which the UI therefore never offers.
 */
export function ChangeRequests(props: {
  entityRef: string;
  /** The server's risk level, which raises a change's risk to it. */
  serverRisk: RiskLevel;
  canCreate: boolean;
  canApprove: boolean;
  canImplement: boolean;
  /** A change to show expanded, from a notification's or the inbox's link. */
  openChangeId?: string;
}) {
  const { entityRef, serverRisk, canCreate, canApprove, canImplement } = props;
  const mcpSecurityApi = useApi(mcpSecurityApiRef);
  const identityApi = useApi(identityApiRef);
  const { value, loading, error } = useAsync(async () => {
    const [changes, knowledge, identity] = await Promise.all([
      mcpSecurityApi.listServerChanges(entityRef),
      mcpSecurityApi.getChangeTypes(),
      identityApi.getBackstageIdentity(),
    ]);
    return {
      changes: changes.items,
      changeTypes: knowledge.items,
      policy: knowledge.policy,
      userRef: identity.userEntityRef,
    };
  }, [mcpSecurityApi, identityApi, entityRef]);
  // Every change as it last came back from the backend, which replaces the
  // one loaded first: after an action, a reload on conflict, or a request.
  const [saved, setSaved] = useState<Record<string, ChangeRequestView>>({});
  const [requesting, setRequesting] = useState(false);
  const [requestedId, setRequestedId] = useState<string>();
  const save = useCallback(
    (change: ChangeRequestView) =>
      setSaved(previous => ({ ...previous, [change.id]: change })),
    [],
  );
  const saveRequested = useCallback(
    (change: ChangeRequestView) => {
      save(change);
      setRequestedId(change.id);
    },
    [save],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return null;
  }
  const byId = new Map(value.changes.map(change => [change.id, change]));
  for (const change of Object.values(saved)) {
    byId.set(change.id, change);
  }
  const changes = [...byId.values()].sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );
  const typeTitles = new Map(value.changeTypes.map(t => [t.id, t.title]));
  const abilities = {
    userRef: value.userRef,
    canCreate,
    canApprove,
    canImplement,
  };
  return (
    <InfoCard
      title="Change requests"
      titleTypographyProps={headingProps}
      action={
        canCreate ? (
          <Button
            variant="outlined"
            color="primary"
            startIcon={<AddIcon />}
            onClick={() => setRequesting(true)}
          >
            Request change
          </Button>
        ) : undefined
      }
    >
      {changes.length === 0 && (
        <Typography>
          No change has been requested on this server yet.
        </Typography>
      )}
      {changes.map(change => (
        <ChangeItem
          key={change.id}
          change={change}
          typeTitle={typeTitles.get(change.changeType) ?? change.changeType}
          abilities={abilities}
          defaultExpanded={
            change.id === props.openChangeId || change.id === requestedId
          }
          onChange={save}
        />
      ))}
      {requesting && (
        <RequestChangeDialog
          entityRef={entityRef}
          serverRisk={serverRisk}
          changeTypes={value.changeTypes}
          policy={value.policy}
          onClose={() => setRequesting(false)}
          onSaved={saveRequested}
        />
      )}
    </InfoCard>
  );
}

import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import {
  ChangeRequestView,
  ChangeTransition,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { useCallback, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { mcpSecurityApiRef } from '../../api';
import { ActionError } from '../ActionError';
import {
  ChangeTransitionDialog,
  CommentedTransition,
} from '../ChangeTransitionDialog';

const commented: ChangeTransition[] = [
  'approve',
  'reject',
  'roll-back',
  'cancel',
];

function isCommented(
  transition: ChangeTransition,
): transition is CommentedTransition {
  return commented.includes(transition);
}

/** The button of a transition; the ellipsis says that a dialog asks for more first. */
function actionLabel(
  transition: ChangeTransition,
  change: ChangeRequestView,
): string {
  switch (transition) {
    case 'submit':
      return change.state === 'approved' ? 'Resubmit' : 'Submit';
    case 'approve':
      return 'Approve…';
    case 'reject':
      return 'Reject…';
    case 'implement':
      return 'Mark implemented';
    case 'verify':
      return 'Mark verified';
    case 'roll-back':
      return 'Roll back…';
    case 'cancel':
    default:
      return 'Cancel change…';
  }
}

function isConflict(error: unknown): error is ResponseError {
  return error instanceof ResponseError && error.statusCode === 409;
}

/**
 * The actions on a change request that the caller offers (see
 * `availableTransitions`). Each sends the version of the change as shown;
 * when someone else acted first the backend answers 409 and changes
 * nothing, and the change is then read again and the user told so.
 * `onChange` receives the change as it now stands, after an action or a
 * reload.
 */
export function ChangeActions(props: {
  change: ChangeRequestView;
  transitions: ChangeTransition[];
  onChange: (change: ChangeRequestView) => void;
}) {
  const { change, transitions, onChange } = props;
  const mcpSecurityApi = useApi(mcpSecurityApiRef);
  const [asking, setAsking] = useState<CommentedTransition>();
  const [conflict, setConflict] = useState<string>();

  const run = useCallback(
    async (transition: ChangeTransition, comment?: string) => {
      setConflict(undefined);
      try {
        onChange(
          await mcpSecurityApi.transitionChange(change.id, transition, {
            version: change.version,
            ...(comment ? { comment } : {}),
          }),
        );
      } catch (error) {
        if (!isConflict(error)) {
          throw error;
        }
        onChange(await mcpSecurityApi.getChange(change.id));
        setConflict(error.cause.message);
      }
    },
    [mcpSecurityApi, change.id, change.version, onChange],
  );
  const [{ loading, error }, runDirectly] = useAsyncFn(run, [run]);

  if (transitions.length === 0 && !conflict && !error) {
    return null;
  }
  return (
    <Box display="flex" flexDirection="column" gridGap={8} width="100%">
      {conflict && (
        <Alert severity="warning">
          Someone else acted on this change first, so nothing was changed. It
          has been reloaded and shows as it now stands: check it before acting
          again. ({conflict})
        </Alert>
      )}
      {error && (
        <ActionError action="update the change" error={error as Error} />
      )}
      {transitions.length > 0 && (
        <Box
          display="flex"
          flexWrap="wrap"
          justifyContent="flex-end"
          gridGap={8}
        >
          {transitions.map(transition => (
            <Button
              key={transition}
              color="primary"
              disabled={loading}
              onClick={() =>
                isCommented(transition)
                  ? setAsking(transition)
                  : runDirectly(transition)
              }
            >
              {actionLabel(transition, change)}
            </Button>
          ))}
        </Box>
      )}
      {asking && (
        <ChangeTransitionDialog
          changeId={change.id}
          changeTitle={change.title}
          transition={asking}
          onCancel={() => setAsking(undefined)}
          onConfirm={async comment => {
            await run(asking, comment);
            setAsking(undefined);
          }}
        />
      )}
    </Box>
  );
}

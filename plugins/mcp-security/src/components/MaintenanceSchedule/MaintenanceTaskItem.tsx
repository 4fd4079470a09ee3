import { MarkdownContent } from '@backstage/core-components';
import AccordionActions from '@material-ui/core/AccordionActions';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { red } from '@material-ui/core/colors';
import { makeStyles } from '@material-ui/core/styles';
import {
  Cadence,
  MaintenanceCompletionRequest,
  MaintenanceTaskView,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { useState } from 'react';
import { CompleteMaintenanceDialog } from '../CompleteMaintenanceDialog';
import { DetailSection } from '../DetailSection';
import { ItemAccordion, ItemSummary } from '../ItemList';
import { MaintenanceDueChip } from '../MaintenanceDueChip';
import { MarkdownList } from '../MarkdownList';
import { Timestamp } from '../Timestamp';

/** Human labels of the cadences, for groups and items. */
export const cadenceLabels: Record<Cadence, string> = {
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
};

const cadencePeriods: Record<Cadence, string> = {
  daily: 'day',
  weekly: 'week',
  monthly: 'month',
  quarterly: 'quarter',
};

const useStyles = makeStyles(theme => ({
  // The edge in the overdue chip's colour marks an overdue task even when
  // the list is scanned rather than read.
  overdue: { borderLeft: `${theme.spacing(0.5)}px solid ${red[800]}` },
}));

function CompleteAction(props: {
  task: MaintenanceTaskView;
  onComplete: (request: MaintenanceCompletionRequest) => Promise<void>;
}) {
  const { task, onComplete } = props;
  const [completing, setCompleting] = useState(false);
  return (
    <>
      <AccordionActions>
        <Button color="primary" onClick={() => setCompleting(true)}>
          {/* The ellipsis says that a dialog asks for more before anything changes. */}
          Complete…
        </Button>
      </AccordionActions>
      {completing && (
        <CompleteMaintenanceDialog
          taskId={task.taskId}
          title={task.title}
          evidence={task.evidence}
          onCancel={() => setCompleting(false)}
          onConfirm={async request => {
            await onComplete(request);
            setCompleting(false);
          }}
        />
      )}
    </>
  );
}

/**
 * One scheduled maintenance task as an expandable item: how soon it is due,
 * why it matters, how to do it, what to record, and when it was last done.
 * `onComplete` is given only to users who may complete it; without it there
 * is no Complete action.
 */
export function MaintenanceTaskItem(props: {
  task: MaintenanceTaskView;
  now: Date;
  onComplete?: (request: MaintenanceCompletionRequest) => Promise<void>;
}) {
  const { task, now, onComplete } = props;
  const classes = useStyles();
  return (
    <ItemAccordion
      id={`mcp-security-maintenance-${task.taskId}`}
      className={task.status === 'overdue' ? classes.overdue : undefined}
      summary={
        <ItemSummary>
          <Typography>{task.title}</Typography>
          <MaintenanceDueChip
            status={task.status}
            nextDueAt={task.nextDueAt}
            now={now}
          />
          <Typography variant="body2" color="textSecondary">
            {cadenceLabels[task.cadence]}
          </Typography>
        </ItemSummary>
      }
      actions={
        onComplete && <CompleteAction task={task} onComplete={onComplete} />
      }
    >
      <MarkdownContent content={task.rationale} />
      {task.procedure.length > 0 && (
        <DetailSection title="Procedure">
          <MarkdownList items={task.procedure} ordered />
        </DetailSection>
      )}
      <DetailSection title="Evidence to record">
        <MarkdownContent content={task.evidence} />
      </DetailSection>
      <DetailSection title="Schedule">
        <Typography variant="body2">
          Every {cadencePeriods[task.cadence]}.{' '}
          {task.lastCompletedAt ? (
            <>
              Last completed <Timestamp value={task.lastCompletedAt} />.
            </>
          ) : (
            <>
              Not completed yet; applies since{' '}
              <Timestamp value={task.firstAppliedAt} />.
            </>
          )}{' '}
          Next due <Timestamp value={task.nextDueAt} />.
        </Typography>
      </DetailSection>
    </ItemAccordion>
  );
}

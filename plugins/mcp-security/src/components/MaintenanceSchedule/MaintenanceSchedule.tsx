import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import {
  cadenceSchema,
  MaintenanceCompletion,
  MaintenanceCompletionRequest,
  MaintenanceDueStatus,
  MaintenanceTaskView,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { useCallback, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mcpSecurityApiRef } from '../../api';
import { ActionButton } from '../ActionButton';
import { ItemGroup, StatusCounts } from '../ItemList';
import { saveFile } from '../saveFile';
import { CompletionHistory } from './CompletionHistory';
import { MaintenanceCalendar } from './MaintenanceCalendar';
import { cadenceLabels, MaintenanceTaskItem } from './MaintenanceTaskItem';
import { headingProps } from '../cardHeading';

/** Enough completions for a few cycles of every task, few enough to read. */
const HISTORY_LIMIT = 100;

const statusCounts: [MaintenanceDueStatus, string][] = [
  ['overdue', 'overdue'],
  ['due-soon', 'due soon'],
  ['upcoming', 'upcoming'],
];

/**
 * Overdue tasks first, then those due soon, then the upcoming ones by
 * cadence, most frequent first: what needs doing now stands out from what
 * can be planned. Soonest due first within each group.
 */
function groupTasks(tasks: MaintenanceTaskView[]) {
  const sorted = [...tasks].sort(
    (a, b) => Date.parse(a.nextDueAt) - Date.parse(b.nextDueAt),
  );
  return [
    {
      id: 'overdue',
      title: 'Overdue',
      tasks: sorted.filter(task => task.status === 'overdue'),
    },
    {
      id: 'due-soon',
      title: 'Due soon',
      tasks: sorted.filter(task => task.status === 'due-soon'),
    },
    ...cadenceSchema.options.map(cadence => ({
      id: `upcoming-${cadence}`,
      title: `Upcoming: ${cadenceLabels[cadence].toLocaleLowerCase()}`,
      tasks: sorted.filter(
        task => task.status === 'upcoming' && task.cadence === cadence,
      ),
    })),
  ].filter(group => group.tasks.length > 0);
}

function DownloadCalendarButton(props: { entityRef: string }) {
  const { entityRef } = props;
  const mcpSecurityApi = useApi(mcpSecurityApiRef);
  const download = async () => {
    saveFile(await mcpSecurityApi.downloadMaintenanceCalendar(entityRef));
  };
  return (
    <ActionButton
      icon={<GetAppIcon />}
      label="Download calendar (.ics)"
      action="download the calendar"
      onClick={download}
    />
  );
}

/** The completions as far as they are loaded; `completions` is undefined while loading. */
function HistoryContent(props: {
  error?: Error;
  completions?: MaintenanceCompletion[];
  titles: Map<string, string>;
}) {
  const { error, completions, titles } = props;
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!completions) {
    return <Progress />;
  }
  if (completions.length === 0) {
    return <Typography>No completion has been recorded yet.</Typography>;
  }
  return <CompletionHistory completions={completions} titles={titles} />;
}

/**
 * The maintenance schedule of a server: its tasks by urgency, the next 90
 * days, the completions recorded so far, and the schedule as a calendar
 * file. `canComplete` says whether the user may record completions; without
 * it there is no Complete action.
 */
export function MaintenanceSchedule(props: {
  entityRef: string;
  canComplete: boolean;
}) {
  const { entityRef, canComplete } = props;
  const mcpSecurityApi = useApi(mcpSecurityApiRef);
  const schedule = useAsync(
    () => mcpSecurityApi.getMaintenance(entityRef),
    [mcpSecurityApi, entityRef],
  );
  const history = useAsyncRetry(
    () =>
      mcpSecurityApi.getMaintenanceCompletions(entityRef, {
        limit: HISTORY_LIMIT,
      }),
    [mcpSecurityApi, entityRef],
  );
  // A completion answers with the task as it now stands, which replaces the
  // one loaded first; the history is read again to show the new entry.
  const [completed, setCompleted] = useState<
    Record<string, MaintenanceTaskView>
  >({});
  const { retry: reloadHistory } = history;
  const complete = useCallback(
    async (taskId: string, request: MaintenanceCompletionRequest) => {
      const task = await mcpSecurityApi.completeMaintenanceTask(
        entityRef,
        taskId,
        request,
      );
      setCompleted(previous => ({ ...previous, [taskId]: task }));
      reloadHistory();
    },
    [mcpSecurityApi, entityRef, reloadHistory],
  );

  if (schedule.loading) {
    return <Progress />;
  }
  if (schedule.error) {
    return <ResponseErrorPanel error={schedule.error} />;
  }
  const tasks = (schedule.value?.items ?? []).map(
    task => completed[task.taskId] ?? task,
  );
  if (tasks.length === 0) {
    return (
      <InfoCard title="Maintenance tasks" titleTypographyProps={headingProps}>
        <Typography>
          No maintenance task of the knowledge base applies to this server.
        </Typography>
      </InfoCard>
    );
  }
  const now = new Date();
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="Maintenance tasks"
          titleTypographyProps={headingProps}
          action={<DownloadCalendarButton entityRef={entityRef} />}
        >
          <StatusCounts
            label="Maintenance tasks by status"
            counts={statusCounts.map(([status, label]) => ({
              status,
              label,
              count: tasks.filter(task => task.status === status).length,
            }))}
          />
          {groupTasks(tasks).map(group => (
            <ItemGroup
              key={group.id}
              id={`mcp-security-maintenance-${group.id}`}
              title={group.title}
            >
              {group.tasks.map(task => (
                <MaintenanceTaskItem
                  key={task.taskId}
                  task={task}
                  now={now}
                  onComplete={
                    canComplete
                      ? request => complete(task.taskId, request)
                      : undefined
                  }
                />
              ))}
            </ItemGroup>
          ))}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Next 90 days" titleTypographyProps={headingProps}>
          <MaintenanceCalendar tasks={tasks} now={now} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="History" titleTypographyProps={headingProps}>
          <HistoryContent
            error={history.error}
            // Kept while the history is read again after a completion.
            completions={history.value?.items}
            titles={new Map(tasks.map(task => [task.taskId, task.title]))}
          />
        </InfoCard>
      </Grid>
    </Grid>
  );
}

import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  daysFromNow,
  maintenanceCompletions,
  maintenanceTaskOf,
  maintenanceTasks,
} from '../../__testUtils__/maintenance';
import { McpSecurityApi, mcpSecurityApiRef } from '../../api';
import { MaintenanceSchedule } from './MaintenanceSchedule';
import { fillIn, findItemSummary } from '../../__testUtils__/userInput';

const entityRef = 'api:default/filesystem';

function mcpSecurityApi(
  overrides: Partial<McpSecurityApi> = {},
): jest.Mocked<McpSecurityApi> {
  return {
    getMaintenance: jest.fn().mockResolvedValue({ items: maintenanceTasks }),
    getMaintenanceCompletions: jest
      .fn()
      .mockResolvedValue({ items: maintenanceCompletions }),
    completeMaintenanceTask: jest.fn(),
    downloadMaintenanceCalendar: jest.fn(),
    ...overrides,
  } as jest.Mocked<McpSecurityApi>;
}

async function renderSchedule(api: McpSecurityApi, canComplete = false) {
  await renderInTestApp(
    <TestApiProvider apis={[[mcpSecurityApiRef, api]]}>
      <MaintenanceSchedule entityRef={entityRef} canComplete={canComplete} />
    </TestApiProvider>,
    // Completions link to the user who recorded them.
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  await screen.findByRole('heading', { name: 'Maintenance tasks' });
}

/** The summaries of the tasks in one group, in order. */
function taskSummaries(group: string) {
  return within(screen.getByRole('region', { name: group }))
    .getAllByRole('button', { expanded: false })
    .map(button => button.textContent);
}

/** Expands a task and returns its details. */
async function expand(title: string) {
  await userEvent.click(await findItemSummary(document.body, title));
  return within(await screen.findByRole('region', { name: new RegExp(title) }));
}

/** The user's local date of a moment, as the 90-day view writes it in `dateTime`. */
function localDate(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}`;
}

describe('MaintenanceSchedule', () => {
  it('lists overdue tasks first, then those due soon, then the upcoming ones by cadence', async () => {
    const api = mcpSecurityApi();
    await renderSchedule(api);

    expect(api.getMaintenance).toHaveBeenCalledWith(entityRef);
    const card = screen
      .getByRole('heading', { name: 'Maintenance tasks' })
      .closest<HTMLElement>('.MuiCard-root')!;
    expect(
      within(card)
        .getAllByRole('heading', { level: 3 })
        .map(heading => heading.textContent),
    ).toEqual([
      'Overdue',
      'Due soon',
      'Upcoming: weekly',
      // Monthly before quarterly, although the quarterly task is due first.
      'Upcoming: monthly',
      'Upcoming: quarterly',
    ]);
    expect(taskSummaries('Overdue')).toEqual([
      'Review which agents can call the serverOverdue by 3 daysWeekly',
      "Rotate the server's credentialsOverdue by 1 dayMonthly",
    ]);
    expect(taskSummaries('Due soon')).toEqual([
      'Scan the logs for prompt injectionDue within a dayDaily',
    ]);
    expect(taskSummaries('Upcoming: quarterly')).toEqual([
      'Review the financial limitsDue in 8 daysQuarterly',
    ]);
    expect(
      within(screen.getByRole('list', { name: 'Maintenance tasks by status' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['2 overdue', '1 due soon', '3 upcoming']);
  });

  it('highlights overdue tasks in the error colour', async () => {
    await renderSchedule(mcpSecurityApi());

    const overdue = within(screen.getByRole('region', { name: 'Overdue' }));
    // jsdom's cascade ignores the order of style sheets, so check the
    // classes that set the colours rather than the computed style.
    expect(
      overdue.getByText('Overdue by 3 days').closest('.MuiChip-root')
        ?.className,
    ).toMatch(/\boverdue\b/);
    expect(
      overdue
        .getByRole('button', { name: /Review which agents/ })
        .closest('.MuiAccordion-root')?.className,
    ).toMatch(/\boverdue\b/);
    expect(
      screen
        .getByRole('button', { name: /Review the financial limits/ })
        .closest('.MuiAccordion-root')?.className,
    ).not.toMatch(/\boverdue\b/);
  });

  it('shows the procedure, the evidence expected, the rationale and the dates', async () => {
    await renderSchedule(mcpSecurityApi());

    const details = await expand('Review which agents can call the server');

    expect(details.getByText('accumulates').tagName).toBe('STRONG');
    expect(
      details.getByRole('heading', { name: 'Procedure' }),
    ).toBeInTheDocument();
    // Code blocks are highlighted by a module loaded on first use.
    expect(
      await details.findByText('kubectl get secrets -l mcp-client', {
        exact: false,
      }),
    ).toBeInTheDocument();
    expect(
      details.getByText('The clients found and every token revoked.'),
    ).toBeInTheDocument();
    const schedule = details.getByText(/^Every week\./);
    expect(schedule).toHaveTextContent(/Last completed .+\. Next due .+\./);
    const [lastCompleted, nextDue] = schedule.querySelectorAll('time');
    expect(lastCompleted).toHaveAttribute('dateTime', daysFromNow(-10.1));
    expect(nextDue).toHaveAttribute('dateTime', daysFromNow(-3.1));
    // Schedules are computed in UTC, which the tooltip gives.
    expect(nextDue.getAttribute('title')).toMatch(/ UTC$/);
  });

  it('says since when a task never completed applies', async () => {
    await renderSchedule(mcpSecurityApi());

    const details = await expand("Rotate the server's credentials");

    expect(
      details.getByText(/^Every month\. Not completed yet; applies since/),
    ).toBeInTheDocument();
  });

  it('has no Complete action for users who may not complete tasks', async () => {
    await renderSchedule(mcpSecurityApi());

    const details = await expand('Review which agents can call the server');

    expect(
      details.queryByRole('button', { name: 'Complete…' }),
    ).not.toBeInTheDocument();
  });

  it('completes a task with evidence and shows its next cycle and the new history', async () => {
    const task = maintenanceTasks[0];
    const completion = {
      taskId: task.taskId,
      outcome: 'done' as const,
      evidence: 'Revoked 2 unused tokens',
      completedBy: 'user:default/alice',
      completedAt: daysFromNow(0),
      cadence: task.cadence,
    };
    const api = mcpSecurityApi({
      completeMaintenanceTask: jest.fn().mockResolvedValue({
        ...task,
        status: 'upcoming',
        lastCompletedAt: completion.completedAt,
        nextDueAt: daysFromNow(7.5),
      }),
      getMaintenanceCompletions: jest
        .fn()
        .mockResolvedValueOnce({ items: maintenanceCompletions })
        .mockResolvedValueOnce({
          items: [completion, ...maintenanceCompletions],
        }),
    });
    await renderSchedule(api, true);

    const details = await expand('Review which agents can call the server');
    await userEvent.click(details.getByRole('button', { name: 'Complete…' }));
    const dialog = within(await screen.findByRole('dialog'));
    const complete = dialog.getByRole('button', { name: 'Complete' });
    expect(complete).toBeDisabled();
    await fillIn(
      dialog.getByRole('textbox', { name: /Evidence/ }),
      'Revoked 2 unused tokens',
    );
    expect(complete).toBeEnabled();
    await userEvent.click(complete);

    expect(api.completeMaintenanceTask).toHaveBeenCalledWith(
      entityRef,
      'review-agent-access',
      { outcome: 'done', evidence: 'Revoked 2 unused tokens' },
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(taskSummaries('Upcoming: weekly')).toEqual([
      'Compare the tool descriptions with the approved onesDue in 5 daysWeekly',
      'Review which agents can call the serverDue in 7 daysWeekly',
    ]);
    expect(taskSummaries('Overdue')).toEqual([
      "Rotate the server's credentialsOverdue by 1 dayMonthly",
    ]);
    // The history is read again, and so shows the new completion.
    const history = within(
      screen.getByRole('table', { name: 'Maintenance completions' }),
    );
    await waitFor(() => expect(history.getAllByRole('row')).toHaveLength(4));
    expect(history.getAllByRole('row')[1]).toHaveTextContent(
      'Revoked 2 unused tokens',
    );
  });

  it('lists the completions: when, which task, outcome, who and evidence', async () => {
    const api = mcpSecurityApi();
    await renderSchedule(api);

    const rows = within(
      await screen.findByRole('table', { name: 'Maintenance completions' }),
    ).getAllByRole('row');
    expect(api.getMaintenanceCompletions).toHaveBeenCalledWith(entityRef, {
      limit: 100,
    });
    expect(rows).toHaveLength(3);
    const [completedAt, title, outcome, by, evidence] = within(
      rows[1],
    ).getAllByRole('cell');
    expect(completedAt.querySelector('time')).toHaveAttribute(
      'dateTime',
      '2026-11-10T09:00:00.000Z',
    );
    expect(title).toHaveTextContent('Review which agents can call the server');
    expect(outcome).toHaveTextContent('Done with issues');
    expect(within(by).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/user/jane',
    );
    expect(evidence).toHaveTextContent(
      'Revoked the token of the retired CI agent.',
    );
    // A task that no longer applies is named by its id.
    expect(rows[2]).toHaveTextContent('retired-task');
    expect(rows[2]).toHaveTextContent('Skipped');
  });

  it('says so when no completion was recorded', async () => {
    await renderSchedule(
      mcpSecurityApi({
        getMaintenanceCompletions: jest.fn().mockResolvedValue({ items: [] }),
      }),
    );

    expect(
      await screen.findByText('No completion has been recorded yet.'),
    ).toBeInTheDocument();
  });

  it('shows every weekly occurrence within the next 90 days', async () => {
    await renderSchedule(mcpSecurityApi());

    const days = within(
      screen.getByRole('list', {
        name: 'Maintenance due in the next 90 days',
      }),
    );
    const weekly = days.getAllByText(
      'Compare the tool descriptions with the approved ones',
    );
    // Due in 5¼ days, then every 7 days up to day 89¼.
    expect(weekly).toHaveLength(13);
    expect(
      weekly.map(task =>
        task
          .closest('ol > li')
          ?.querySelector('time')
          ?.getAttribute('dateTime'),
      ),
    ).toEqual(
      Array.from({ length: 13 }, (_, i) =>
        localDate(daysFromNow(5.25 + 7 * i)),
      ),
    );
    // A quarterly task comes once.
    expect(days.getAllByText('Review the financial limits')).toHaveLength(1);
  });

  it('names the daily tasks once rather than on every day', async () => {
    await renderSchedule(mcpSecurityApi());

    const everyDay = within(screen.getByRole('region', { name: 'Every day' }));
    expect(
      everyDay.getAllByRole('listitem').map(item => item.textContent),
    ).toEqual(['Scan the logs for prompt injection']);
    expect(
      within(
        screen.getByRole('list', {
          name: 'Maintenance due in the next 90 days',
        }),
      ).queryByText('Scan the logs for prompt injection'),
    ).not.toBeInTheDocument();
  });

  it('says so when nothing falls due in the next 90 days', async () => {
    await renderSchedule(
      mcpSecurityApi({
        getMaintenance: jest.fn().mockResolvedValue({
          items: [
            maintenanceTaskOf({
              taskId: 'review-financial-limits',
              title: 'Review the financial limits',
              cadence: 'quarterly',
              status: 'upcoming',
              nextDueAt: daysFromNow(91),
            }),
          ],
        }),
      }),
    );

    expect(
      screen.getByText('Nothing falls due in the next 90 days.'),
    ).toBeInTheDocument();
  });

  it('downloads the calendar through the API, under the name the API gives', async () => {
    const calendar = new File(['BEGIN:VCALENDAR'], 'filesystem-schedule.ics', {
      type: 'text/calendar',
    });
    const api = mcpSecurityApi({
      downloadMaintenanceCalendar: jest.fn().mockResolvedValue(calendar),
    });
    // jsdom has no object URLs and does not navigate: record instead.
    const createObjectURL = jest.fn().mockReturnValue('blob:calendar');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicks: HTMLAnchorElement[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicks.push(this);
      });
    try {
      await renderSchedule(api);

      await userEvent.click(
        screen.getByRole('button', { name: 'Download calendar (.ics)' }),
      );

      await waitFor(() => expect(clicks).toHaveLength(1));
      expect(api.downloadMaintenanceCalendar).toHaveBeenCalledWith(entityRef);
      expect(createObjectURL).toHaveBeenCalledWith(calendar);
      expect(clicks[0]).toHaveAttribute('href', 'blob:calendar');
      expect(clicks[0]).toHaveAttribute('download', 'filesystem-schedule.ics');
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:calendar');
    } finally {
      click.mockRestore();
    }
  });

  it('says why the calendar could not be downloaded', async () => {
    await renderSchedule(
      mcpSecurityApi({
        downloadMaintenanceCalendar: jest
          .fn()
          .mockRejectedValue(new Error('offline')),
      }),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Download calendar (.ics)' }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not download the calendar: offline',
    );
  });

  it('says so when no task applies', async () => {
    await renderSchedule(
      mcpSecurityApi({
        getMaintenance: jest.fn().mockResolvedValue({ items: [] }),
      }),
    );

    expect(
      screen.getByText(
        'No maintenance task of the knowledge base applies to this server.',
      ),
    ).toBeInTheDocument();
  });

  it('shows an error panel when the schedule cannot be loaded', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            mcpSecurityApiRef,
            mcpSecurityApi({
              getMaintenance: jest.fn().mockRejectedValue(new Error('offline')),
            }),
          ],
        ]}
      >
        <MaintenanceSchedule entityRef={entityRef} canComplete />
      </TestApiProvider>,
    );

    expect(await screen.findByRole('alert')).toHaveTextContent('offline');
  });
});

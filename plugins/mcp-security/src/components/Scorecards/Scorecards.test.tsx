import {
  defaultEntityPresentation,
  EntityPresentationApi,
  entityPresentationApiRef,
  EntityRefPresentationSnapshot,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  developerExperienceServers,
  developerExperienceTrend,
  responseError,
  systemScorecardList,
  teamScorecardList,
  teamScorecards,
} from '../../__testUtils__/scorecards';
import { McpSecurityApi, mcpSecurityApiRef } from '../../api';
import { Scorecards } from './Scorecards';
import { fillIn } from '../../__testUtils__/userInput';

// jsdom lays nothing out and has no ResizeObserver, so ResponsiveContainer
// would never learn a size and would draw nothing: give the chart a fixed one.
jest.mock('recharts', () => {
  const recharts = jest.requireActual('recharts');
  const { cloneElement } = jest.requireActual('react');
  return {
    ...recharts,
    ResponsiveContainer: (props: { children: JSX.Element }) =>
      cloneElement(props.children, { width: 800, height: 300 }),
  };
});

function mcpSecurityApi(
  overrides: Partial<McpSecurityApi> = {},
): jest.Mocked<McpSecurityApi> {
  return {
    getScorecards: jest
      .fn()
      .mockImplementation(async (options?: { groupBy?: string }) =>
        options?.groupBy === 'system' ? systemScorecardList : teamScorecardList,
      ),
    getScorecard: jest.fn().mockResolvedValue({
      scorecard: teamScorecards[1],
      servers: developerExperienceServers,
    }),
    getScorecardTrend: jest
      .fn()
      .mockResolvedValue({ items: developerExperienceTrend }),
    downloadScorecardsCsv: jest.fn(),
    ...overrides,
  } as unknown as jest.Mocked<McpSecurityApi>;
}

/**
 * The groups' titles in the catalog. One sorts elsewhere than its name
 * (`platform-team`), so that the order tells which of the two sorts.
 */
const titles: Record<string, string> = {
  'group:default/data-team': 'Data Team',
  'group:default/developer-experience': 'Developer Experience',
  'group:default/payments-team': 'Payments Team',
  'group:default/platform-team': 'Core Platform',
  'system:default/developer-tooling': 'Developer Tooling',
};

/**
 * The entity presentation API as the catalog's behaves for an entity not
 * yet loaded: the shortened ref at once, the title once the catalog answers.
 */
function entityPresentationApi(): jest.Mocked<EntityPresentationApi> {
  return {
    forEntity: jest.fn((entityOrRef, context) => {
      const ref = entityOrRef as string;
      const snapshot = defaultEntityPresentation(ref, context);
      const promise = Promise.resolve<EntityRefPresentationSnapshot>({
        ...snapshot,
        primaryTitle: titles[ref] ?? snapshot.primaryTitle,
      });
      // Only what useEntityPresentation asks of an observable.
      const update$ = {
        subscribe(observer: {
          next: (value: EntityRefPresentationSnapshot) => void;
        }) {
          promise.then(value => observer.next(value));
          return { unsubscribe() {}, closed: false };
        },
      };
      return { snapshot, update$, promise } as ReturnType<
        EntityPresentationApi['forEntity']
      >;
    }),
  };
}

async function renderScorecards(
  api: McpSecurityApi,
  routeEntries?: string[],
  presentationApi = entityPresentationApi(),
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [mcpSecurityApiRef, api],
        [entityPresentationApiRef, presentationApi],
      ]}
    >
      <Scorecards />
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      routeEntries,
    },
  );
}

/** The group of each body row, by its Details button, in table order. */
function groupsOf(table: HTMLElement): string[] {
  // By the buttons' labels rather than a role query, which would compute
  // every button's accessible name on each call.
  return Array.from(table.querySelectorAll('button[aria-label^="Show "]')).map(
    button => button.getAttribute('aria-label')!.replace(/^Show /, ''),
  );
}

/** Clicks a column's sort label, found by its text. */
async function sortBy(table: HTMLElement, column: string) {
  await userEvent.click(
    within(table).getByText(column, { selector: '[role="button"]' }),
  );
}

/** The table, once every group in it goes by its title. */
async function scorecardTable(noun = 'team') {
  const table = await screen.findByRole('table', {
    name: `Scorecards per ${noun}`,
  });
  await waitFor(() =>
    expect(
      groupsOf(table).filter(group => !Object.values(titles).includes(group)),
    ).toEqual([]),
  );
  return table;
}

/** The text of one column in every body row, by the column's title. */
function columnOf(table: HTMLElement, title: string): string[] {
  const headers = within(table).getAllByRole('columnheader');
  const index = headers.findIndex(h => h.textContent?.startsWith(title));
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => row.querySelectorAll('th, td')[index].textContent!);
}

describe('Scorecards', () => {
  it('shows every team with its figures, level and risk', async () => {
    const api = mcpSecurityApi();
    await renderScorecards(api);

    const table = await scorecardTable();
    expect(api.getScorecards).toHaveBeenCalledWith({ groupBy: 'owner' });
    // In the order of their titles, not of their names.
    expect(groupsOf(table)).toEqual([
      'Core Platform',
      'Data Team',
      'Developer Experience',
      'Payments Team',
    ]);
    expect(columnOf(table, 'Servers')).toEqual(['2', '4', '4', '3']);
    expect(columnOf(table, 'Coverage')).toEqual([
      '100%',
      '75%',
      '100%',
      '100%',
    ]);
    expect(columnOf(table, 'Time to remediate')).toEqual([
      '5 days',
      '—',
      '30.5 h',
      '4 h',
    ]);
    const devex = within(within(table).getAllByRole('row')[3] as HTMLElement);
    expect(
      await devex.findByRole('link', { name: 'Developer Experience' }),
    ).toHaveAttribute('href', '/catalog/default/group/developer-experience');
    expect(
      devex.getByRole('img', { name: 'Level: Bronze' }),
    ).toBeInTheDocument();
    expect(
      devex.getByRole('img', {
        name: 'Servers by risk: 1 critical, 1 high, 1 medium, 1 low',
      }),
    ).toBeInTheDocument();
    expect(
      within(within(table).getAllByRole('row')[2] as HTMLElement).getByRole(
        'img',
        { name: 'Level: none' },
      ),
    ).toBeInTheDocument();
  });

  it('sorts by team title, the last first', async () => {
    await renderScorecards(mcpSecurityApi());
    const table = await scorecardTable();

    // The teams by their titles, the last first.
    await sortBy(table, 'Team');
    expect(groupsOf(table)).toEqual([
      'Payments Team',
      'Developer Experience',
      'Data Team',
      'Core Platform',
    ]);
    expect(
      within(table).getByRole('columnheader', { name: /Team/ }),
    ).toHaveAttribute('aria-sort', 'descending');
  });

  it('sorts by figures, ascending then descending', async () => {
    await renderScorecards(mcpSecurityApi());
    const table = await scorecardTable();

    await sortBy(table, 'Servers');
    expect(columnOf(table, 'Servers')).toEqual(['2', '3', '4', '4']);
    expect(
      within(table).getByRole('columnheader', { name: /Servers/ }),
    ).toHaveAttribute('aria-sort', 'ascending');

    await sortBy(table, 'Open P1');
    await sortBy(table, 'Open P1');
    expect(groupsOf(table)).toEqual([
      'Data Team',
      'Developer Experience',
      'Payments Team',
      'Core Platform',
    ]);
    expect(columnOf(table, 'Open P1')).toEqual(['9', '6', '2', '0']);
    expect(
      within(table).getByRole('columnheader', { name: /Open P1/ }),
    ).toHaveAttribute('aria-sort', 'descending');
  });

  it('sorts by risk and by level, ascending then descending', async () => {
    await renderScorecards(mcpSecurityApi());
    const table = await scorecardTable();

    // Worst risk first: critical servers count before high ones.
    await sortBy(table, 'Risk');
    await sortBy(table, 'Risk');
    expect(groupsOf(table)).toEqual([
      'Data Team',
      'Developer Experience',
      'Payments Team',
      'Core Platform',
    ]);
    await sortBy(table, 'Level');
    expect(groupsOf(table)).toEqual([
      'Data Team',
      'Developer Experience',
      'Payments Team',
      'Core Platform',
    ]);
    await sortBy(table, 'Level');
    expect(groupsOf(table)[0]).toBe('Core Platform');
  });

  it('sorts a team that never remediated anything last', async () => {
    await renderScorecards(mcpSecurityApi());
    const table = await scorecardTable();

    await sortBy(table, 'Time to remediate');
    expect(groupsOf(table)).toEqual([
      'Payments Team',
      'Developer Experience',
      'Core Platform',
      'Data Team',
    ]);
  });

  it('sorts by risk level by level, however many servers each has', async () => {
    // One critical server is worse than any number of high ones.
    const risks = [
      { critical: 0, high: 1001, medium: 0, low: 0 },
      { critical: 1, high: 0, medium: 0, low: 0 },
      { critical: 0, high: 1000, medium: 5000, low: 0 },
      { critical: 0, high: 0, medium: 0, low: 2000 },
    ];
    const items = teamScorecards.map((row, i) => ({
      ...row,
      risk: risks[i],
      servers: Object.values(risks[i]).reduce((sum, n) => sum + n, 0),
    }));
    await renderScorecards(
      mcpSecurityApi({
        getScorecards: jest
          .fn()
          .mockResolvedValue({ ...teamScorecardList, items }),
      }),
    );
    const table = await scorecardTable();

    await sortBy(table, 'Risk');
    await sortBy(table, 'Risk');
    expect(
      within(table).getByRole('columnheader', { name: /Risk/ }),
    ).toHaveAttribute('aria-sort', 'descending');
    expect(groupsOf(table)).toEqual([
      'Developer Experience', // 1 critical
      'Data Team', // 1001 high
      'Payments Team', // 1000 high, 5000 medium
      'Core Platform', // 2000 low
    ]);
  });

  it('filters the teams by title, name or level', async () => {
    await renderScorecards(mcpSecurityApi());
    const table = await scorecardTable();

    const filter = screen.getByRole('textbox', { name: 'Filter teams' });
    await fillIn(filter, 'Data Team');
    expect(groupsOf(table)).toEqual(['Data Team']);
    expect(screen.getByText('1 of 4 teams')).toBeInTheDocument();

    await userEvent.clear(filter);
    await fillIn(filter, 'core');
    expect(groupsOf(table)).toEqual(['Core Platform']);

    // The name in the team's ref finds it too.
    await userEvent.clear(filter);
    await fillIn(filter, 'platform-team');
    expect(groupsOf(table)).toEqual(['Core Platform']);

    await userEvent.clear(filter);
    await fillIn(filter, 'bronze');
    expect(groupsOf(table)).toEqual(['Developer Experience', 'Payments Team']);

    await userEvent.clear(filter);
    await fillIn(filter, 'nobody');
    expect(within(table).getByText('No team matches “nobody”.')).toBeVisible();
  });

  it('names the teams by their refs when the catalog cannot say their titles', async () => {
    const unanswered: jest.Mocked<EntityPresentationApi> = {
      forEntity: jest.fn((ref, context) => {
        const promise = Promise.reject(new Error('catalog down'));
        promise.catch(() => undefined);
        return {
          snapshot: defaultEntityPresentation(ref as string, context),
          promise,
        };
      }),
    };
    await renderScorecards(mcpSecurityApi(), undefined, unanswered);
    const table = await screen.findByRole('table', {
      name: 'Scorecards per team',
    });

    expect(groupsOf(table)).toEqual([
      'data-team',
      'developer-experience',
      'payments-team',
      'platform-team',
    ]);
    await fillIn(
      screen.getByRole('textbox', { name: 'Filter teams' }),
      'data-team',
    );
    expect(groupsOf(table)).toEqual(['data-team']);
  });

  it('switches between teams, systems and domains', async () => {
    const api = mcpSecurityApi();
    await renderScorecards(api);
    await scorecardTable();
    expect(
      screen.getByRole('button', { name: 'Teams', pressed: true }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Systems' }));

    const table = await scorecardTable('system');
    expect(api.getScorecards).toHaveBeenLastCalledWith({ groupBy: 'system' });
    expect(groupsOf(table)).toEqual(['Developer Tooling']);
    expect(
      within(table).getByRole('columnheader', { name: 'System' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Systems', pressed: true }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Servers by risk level across 1 systems: 0 critical, 1 high, 1 medium, 1 low.',
      }),
    ).toBeInTheDocument();
  });

  it('opens a grouping from the address', async () => {
    const api = mcpSecurityApi();
    await renderScorecards(api, ['/?groupBy=system']);

    await scorecardTable('system');
    expect(api.getScorecards).toHaveBeenCalledWith({ groupBy: 'system' });
  });

  it('charts the risk across teams and explains the levels', async () => {
    await renderScorecards(mcpSecurityApi());
    await scorecardTable();

    const chart = screen.getByRole('img', {
      name: 'Servers by risk level across 4 teams: 3 critical, 4 high, 4 medium, 2 low.',
    });
    expect(chart.querySelectorAll('.recharts-bar')).toHaveLength(4);
    // Each bar under the title the table gives its team.
    expect(
      [
        ...chart.querySelectorAll(
          '.recharts-xAxis .recharts-cartesian-axis-tick',
        ),
      ].map(tick => tick.textContent),
    ).toEqual([
      'Data Team',
      'Developer Experience',
      'Payments Team',
      'Core Platform',
    ]);

    const levels = screen.getByRole('list', { name: 'Levels' });
    expect(
      within(levels).getByRole('heading', { name: 'Gold' }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Silver needs' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'at least 95% of servers assessed recently',
      'no critical-risk servers',
      'at most 5 open P1 recommendations',
      'at most 3 overdue maintenance tasks',
      'no emergency changes without review',
    ]);
    expect(
      within(
        screen.getByRole('list', {
          name: 'What Developer Experience needs for Silver',
        }),
      )
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'at most 0 critical-risk servers (now 1)',
      'at most 5 open P1 recommendations (now 6)',
    ]);
    expect(
      [
        ...screen
          .getByRole('list', { name: 'To the next level' })
          .querySelectorAll('strong'),
      ].map(name => name.textContent),
    ).toEqual(['Data Team', 'Developer Experience', 'Payments Team']);
    // The top team has nothing left to climb.
    expect(
      screen.queryByRole('list', { name: /What Core Platform needs/ }),
    ).not.toBeInTheDocument();
  });

  it('shows a team in detail: its servers, linking to their MCP Security tab', async () => {
    const api = mcpSecurityApi();
    await renderScorecards(api);
    const table = await scorecardTable();

    await userEvent.click(
      within(table).getByLabelText('Show Developer Experience'),
    );

    const detail = within(
      await screen.findByRole('region', {
        name: 'Scorecard of Developer Experience',
      }),
    );
    expect(api.getScorecard).toHaveBeenCalledWith(
      'group:default/developer-experience',
      { groupBy: 'owner' },
    );
    const servers = within(
      await detail.findByRole('table', {
        name: 'Servers of Developer Experience',
      }),
    );
    expect(servers.getAllByRole('row')).toHaveLength(5);
    expect(servers.getByRole('link', { name: 'filesystem' })).toHaveAttribute(
      'href',
      '/catalog/default/api/filesystem/mcp-security',
    );
    expect(
      servers.getByRole('img', { name: 'Risk level: critical' }),
    ).toBeInTheDocument();
    expect(
      detail.getByRole('list', {
        name: 'What Developer Experience needs for Silver',
      }),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole('button', {
        name: 'Show Developer Experience',
        pressed: true,
      }),
    ).toBeInTheDocument();
  });

  it("charts a team's trend over the range chosen, until the detail is closed", async () => {
    const api = mcpSecurityApi();
    await renderScorecards(api, [
      '/?groupBy=owner&group=group:default/developer-experience',
    ]);
    const detail = within(
      await screen.findByRole('region', {
        name: 'Scorecard of Developer Experience',
      }),
    );

    const trend = await detail.findByRole('img', { name: /^Figures from/ });
    expect(trend.getAttribute('aria-label')).toMatch(
      /open P1 from 8 to 6, overdue maintenance from 4 to 2\.$/,
    );
    expect(trend.querySelectorAll('.recharts-line')).toHaveLength(2);
    expect(api.getScorecardTrend).toHaveBeenCalledWith(
      'group:default/developer-experience',
      { groupBy: 'owner', days: 30 },
    );

    await userEvent.click(detail.getByRole('button', { name: '90 days' }));
    await waitFor(() =>
      expect(api.getScorecardTrend).toHaveBeenLastCalledWith(
        'group:default/developer-experience',
        { groupBy: 'owner', days: 90 },
      ),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(
      screen.queryByRole('region', {
        name: 'Scorecard of Developer Experience',
      }),
    ).not.toBeInTheDocument();
  });

  it('opens the team in the address in detail, and says when no snapshot was taken yet', async () => {
    const api = mcpSecurityApi({
      getScorecardTrend: jest.fn().mockResolvedValue({ items: [] }),
    });
    await renderScorecards(api, [
      '/?groupBy=owner&group=group%3Adefault%2Fdeveloper-experience',
    ]);

    const detail = within(
      await screen.findByRole('region', {
        name: 'Scorecard of Developer Experience',
      }),
    );
    expect(
      await detail.findByText(/^No daily figures in the last 30 days yet/),
    ).toBeInTheDocument();
    expect(
      detail.queryByRole('img', { name: /^Figures/ }),
    ).not.toBeInTheDocument();
  });

  it('says so instead of the table when the user may not read the scorecards', async () => {
    const denied = await responseError(403, 'NotAllowedError', 'Unauthorized');
    await renderScorecards(
      mcpSecurityApi({ getScorecards: jest.fn().mockRejectedValue(denied) }),
    );

    expect(
      await screen.findByText('You may not see the scorecards'),
    ).toBeInTheDocument();
    expect(screen.getByText('mcp-security.scorecard.read')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Download CSV' }),
    ).not.toBeInTheDocument();
  });

  it('shows other errors as they are', async () => {
    await renderScorecards(
      mcpSecurityApi({
        getScorecards: jest.fn().mockRejectedValue(new Error('backend down')),
      }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent('backend down');
  });

  it('says when no server has been assessed yet', async () => {
    await renderScorecards(
      mcpSecurityApi({
        getScorecards: jest
          .fn()
          .mockResolvedValue({ ...teamScorecardList, items: [] }),
      }),
    );

    expect(
      await screen.findByText(/^No MCP server has been assessed yet/),
    ).toBeInTheDocument();
  });

  it('downloads the scorecards of the current grouping as CSV, under the name the API gives', async () => {
    const csv = new File(['group,servers'], 'scorecards-by-system.csv', {
      type: 'text/csv',
    });
    const api = mcpSecurityApi({
      downloadScorecardsCsv: jest.fn().mockResolvedValue(csv),
    });
    // jsdom has no object URLs and does not navigate: record instead.
    const createObjectURL = jest.fn().mockReturnValue('blob:scorecards');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicks: HTMLAnchorElement[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicks.push(this);
      });
    try {
      await renderScorecards(api, ['/?groupBy=system']);
      await scorecardTable('system');

      await userEvent.click(
        screen.getByRole('button', { name: 'Download CSV' }),
      );

      await waitFor(() => expect(clicks).toHaveLength(1));
      expect(api.downloadScorecardsCsv).toHaveBeenCalledWith({
        groupBy: 'system',
      });
      expect(createObjectURL).toHaveBeenCalledWith(csv);
      expect(clicks[0]).toHaveAttribute('href', 'blob:scorecards');
      expect(clicks[0]).toHaveAttribute('download', 'scorecards-by-system.csv');
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:scorecards');
    } finally {
      click.mockRestore();
    }
  });

  it('says why the CSV could not be downloaded', async () => {
    await renderScorecards(
      mcpSecurityApi({
        downloadScorecardsCsv: jest
          .fn()
          .mockRejectedValue(new Error('backend down')),
      }),
    );
    await scorecardTable();

    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));

    expect(
      await screen.findByText(
        'Could not download the scorecards: backend down',
      ),
    ).toBeInTheDocument();
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEntityRef } from '@backstage/catalog-model';
import { Browser, Locator, Page } from 'playwright-core';
import { parse, parseAllDocuments } from 'yaml';
import {
  FAST_SWEEP,
  guestToken,
  repoRoot,
  RunningBackend,
  startBackend,
} from '../harness/backend';
import {
  entityTab,
  launchChromium,
  openApi,
  openMcpSecurityPage,
  SCREENSHOT_DIR,
  signInAsGuest,
  withPage,
} from './browser';

// Longer than the other browser suites: the sweep and housekeeping must run first.
jest.setTimeout(240_000);

// The scorecards of the example teams, checked against figures counted from
// the example catalog (which team owns which server) and from each server's
// own assessment (its risk level and open P1 recommendations), as the
// examples suite does against the plugin alone. The sweep assesses every
// server, and housekeeping records the day's snapshot, within seconds.

const RISK_LEVELS = ['critical', 'high', 'medium', 'low'] as const;
type RiskLevel = (typeof RISK_LEVELS)[number];

interface ExampleServer {
  name: string;
  title: string;
  openP1: number;
}

interface ExpectedTeam {
  /** The team's name, from its ref. */
  name: string;
  /** What the page calls the team, as the catalog does: its title. */
  title: string;
  servers: ExampleServer[];
  risk: Record<RiskLevel, number>;
  openP1: number;
}

/** The example MCP servers with the team that owns each, from their catalog-info.yaml. */
function exampleServers(): { name: string; title: string; team: string }[] {
  const dir = join(repoRoot, 'examples/mcp-servers');
  return readdirSync(dir).map(server => {
    const entity = parse(
      readFileSync(join(dir, server, 'catalog-info.yaml'), 'utf8'),
    );
    return {
      name: entity.metadata.name,
      title: entity.metadata.title,
      team: parseEntityRef(entity.spec.owner, { defaultKind: 'group' }).name,
    };
  });
}

/**
 * The example teams' titles by name, from the example organisation, as the
 * catalog presents groups: the profile's display name, else the title.
 */
function exampleTeamTitles(): Map<string, string> {
  const titles = new Map<string, string>();
  const docs = parseAllDocuments(
    readFileSync(join(repoRoot, 'examples/org.yaml'), 'utf8'),
  );
  for (const doc of docs) {
    const entity = doc.toJS();
    if (entity?.kind === 'Group') {
      titles.set(
        entity.metadata.name,
        entity.spec?.profile?.displayName ??
          entity.metadata.title ??
          entity.metadata.name,
      );
    }
  }
  return titles;
}

/** Every example team's figures, counted server by server. */
async function expectedTeams(
  baseUrl: string,
  token: string,
): Promise<Map<string, ExpectedTeam>> {
  const teams = new Map<string, ExpectedTeam>();
  const titles = exampleTeamTitles();
  for (const { name, title, team } of exampleServers()) {
    const response = await fetch(
      `${baseUrl}/api/mcp-security/entities/api/default/${name}/assessment`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(response.status).toBe(200);
    const assessment = await response.json();
    // Nothing is decided yet in this fresh database, so every P1 is open.
    const openP1 = assessment.recommendations.filter(
      (r: { priority: string; status: string }) =>
        r.priority === 'P1' && !['implemented', 'dismissed'].includes(r.status),
    ).length;
    const expected = teams.get(team) ?? {
      name: team,
      title: titles.get(team) ?? team,
      servers: [],
      risk: { critical: 0, high: 0, medium: 0, low: 0 },
      openP1: 0,
    };
    expected.servers.push({ name, title, openP1 });
    expected.risk[assessment.risk.level as RiskLevel] += 1;
    expected.openP1 += openP1;
    teams.set(team, expected);
  }
  return teams;
}

/** "1 critical, 2 high, 0 medium, 1 low", as the risk bars name themselves. */
function riskSummary(risk: Record<RiskLevel, number>): string {
  return RISK_LEVELS.map(level => `${risk[level]} ${level}`).join(', ');
}

/**
 * Polls a plugin route with the guest's token until its answer passes a
 * check; the sweep and housekeeping run on their own schedule.
 */
async function waitForAnswer<T>(
  baseUrl: string,
  token: string,
  path: string,
  ready: (body: T) => boolean,
): Promise<T> {
  const deadline = Date.now() + 90_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/api/mcp-security${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      last = `${response.status} ${await response.clone().text()}`;
      if (response.ok) {
        const body = (await response.json()) as T;
        if (ready(body)) return body;
      }
    } catch (error) {
      // Not listening yet, or answering with an error: try again.
      last = String(error);
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`${path} never got ready; it last answered ${last}`);
}

/**
 * Opens the Scorecards tab of the MCP Security page from the sidebar and
 * answers the teams' table, once the catalog has given every team its title.
 */
async function openScorecards(
  page: Page,
  baseUrl: string,
  teams: Map<string, ExpectedTeam>,
): Promise<Locator> {
  await signInAsGuest(page, baseUrl);
  await openMcpSecurityPage(page);
  await page.getByRole('tab', { name: 'Scorecards', selected: true }).waitFor();
  const table = page.getByRole('table', { name: 'Scorecards per team' });
  await table.waitFor();
  for (const team of teams.values()) {
    await table
      .getByRole('button', { name: `Show ${team.title}`, exact: true })
      .waitFor();
  }
  return table;
}

/** The teams' titles in the order the page sorts them by default. */
function byTitle(teams: Iterable<ExpectedTeam>): string[] {
  return [...teams].map(team => team.title).sort((a, b) => a.localeCompare(b));
}

/** The teams of the table in the order shown, by their Details buttons' titles. */
async function teamsShown(table: Locator): Promise<string[]> {
  const labels = await table
    .getByRole('button', { name: /^Show / })
    .evaluateAll(buttons => buttons.map(b => b.getAttribute('aria-label')));
  return labels.map(label => label!.replace(/^Show /, ''));
}

/** One team's row: its cells' text by column title, and the row itself. */
async function teamRow(table: Locator, team: string) {
  const row = table.getByRole('row').filter({
    has: table
      .page()
      .getByRole('button', { name: `Show ${team}`, exact: true }),
  });
  const titles = await table.getByRole('columnheader').allTextContents();
  const cells = await row.locator('th, td').allTextContents();
  const cell = (title: string) =>
    cells[titles.findIndex(t => t.startsWith(title))];
  return { row, cell };
}

/** The value a card gives for a term of its description list. */
function fact(page: Page, term: string): Locator {
  return page
    .locator('dt', { hasText: new RegExp(`^${term}$`) })
    .locator('xpath=following-sibling::dd[1]');
}

describe('the scorecards of the MCP Security page, in Chromium', () => {
  let backend: RunningBackend;
  let browser: Browser;
  let teams: Map<string, ExpectedTeam>;

  beforeAll(async () => {
    backend = await startBackend({
      port: 7125,
      config: {
        mcpSecurity: {
          ...FAST_SWEEP.mcpSecurity,
          housekeeping: { schedule: FAST_SWEEP.mcpSecurity.sweep.schedule },
        },
      },
    });
    await backend.explained(async () => {
      const token = await guestToken(backend.baseUrl);
      const serverCount = exampleServers().length;
      // Every example server assessed and counted in its team's scorecard…
      await waitForAnswer<{ items: { servers: number }[] }>(
        backend.baseUrl,
        token,
        '/scorecards?groupBy=owner',
        body => body.items.reduce((n, r) => n + r.servers, 0) === serverCount,
      );
      teams = await expectedTeams(backend.baseUrl, token);
      // …and in today's snapshot, which housekeeping replaces every few seconds.
      const developerExperience = teams.get('developer-experience')!;
      await waitForAnswer<{ items: { figures: { servers: number } }[] }>(
        backend.baseUrl,
        token,
        '/scorecards/group%3Adefault%2Fdeveloper-experience/trend',
        body =>
          body.items.at(-1)?.figures.servers ===
          developerExperience.servers.length,
      );
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await backend?.stop();
  });

  it('shows every example team with its servers, risk, coverage and open P1 recommendations', async () => {
    await withPage(browser, 'scorecards-teams', async page => {
      const table = await openScorecards(page, backend.baseUrl, teams);

      await expect(teamsShown(table)).resolves.toEqual(byTitle(teams.values()));
      for (const team of teams.values()) {
        const { row, cell } = await teamRow(table, team.title);
        expect({
          team: team.name,
          servers: cell('Servers'),
          coverage: cell('Coverage'),
          openP1: cell('Open P1'),
        }).toEqual({
          team: team.name,
          servers: String(team.servers.length),
          coverage: '100%',
          openP1: String(team.openP1),
        });
        await expect(
          row
            .getByRole('img', { name: /^Servers by risk:/ })
            .getAttribute('aria-label'),
        ).resolves.toBe(`Servers by risk: ${riskSummary(team.risk)}`);
      }

      // The chart's name sums the risk of every team.
      const total = { critical: 0, high: 0, medium: 0, low: 0 };
      for (const team of teams.values()) {
        for (const level of RISK_LEVELS) total[level] += team.risk[level];
      }
      await page
        .getByRole('img', {
          name: `Servers by risk level across ${
            teams.size
          } teams: ${riskSummary(total)}.`,
        })
        .waitFor();

      // For the README: wide enough for every column of the table.
      await page.setViewportSize({ width: 1920, height: 1000 });
      // The chart redraws for the new width, animated.
      await page.waitForTimeout(2000);
      await page.screenshot({
        path: join(SCREENSHOT_DIR, 'scorecards.png'),
        fullPage: true,
      });
    });
  });

  it('sorts by a column both ways and filters the teams by title or name', async () => {
    await withPage(browser, 'scorecards-sort-filter', async page => {
      const table = await openScorecards(page, backend.baseUrl, teams);
      // Ties keep the teams in title order, whichever way the column sorts.
      const byServers = (direction: number) =>
        [...teams.values()]
          .sort(
            (a, b) =>
              direction * (a.servers.length - b.servers.length) ||
              a.title.localeCompare(b.title),
          )
          .map(team => team.title);

      const servers = table.getByRole('button', {
        name: 'Servers',
        exact: true,
      });
      await servers.click();
      await expect(teamsShown(table)).resolves.toEqual(byServers(1));
      await servers.click();
      await expect(teamsShown(table)).resolves.toEqual(byServers(-1));

      // The title the page shows finds the team, and so does its name.
      const payments = teams.get('payments-team')!;
      const filter = page.getByRole('textbox', { name: 'Filter teams' });
      await filter.fill(payments.title);
      await page.getByText(`1 of ${teams.size} teams`).waitFor();
      await expect(teamsShown(table)).resolves.toEqual([payments.title]);
      await filter.fill(payments.name);
      await page.getByText(`1 of ${teams.size} teams`).waitFor();
      await expect(teamsShown(table)).resolves.toEqual([payments.title]);
    });
  });

  it('drills down from a team to its servers, its trend, and a server’s MCP Security tab', async () => {
    await withPage(browser, 'scorecards-drill-down', async page => {
      const table = await openScorecards(page, backend.baseUrl, teams);
      const team = teams.get('developer-experience')!;

      await table
        .getByRole('button', { name: `Show ${team.title}`, exact: true })
        .click();
      const detail = page.getByRole('region', {
        name: `Scorecard of ${team.title}`,
      });
      const servers = detail.getByRole('table', {
        name: `Servers of ${team.title}`,
      });
      await servers.waitFor();
      // Server names resolve to their titles once the catalog answers.
      const titles = team.servers.map(s => s.title).sort();
      for (const title of titles) {
        await servers.getByRole('link', { name: title, exact: true }).waitFor();
      }
      await expect(
        servers.getByRole('link').allTextContents(),
      ).resolves.toHaveLength(titles.length);

      // Today's snapshot is the trend's one point, with today's figures.
      await detail
        .getByRole('img', {
          name: new RegExp(
            `^Figures on .+: ${team.openP1} open P1, \\d+ overdue maintenance\\.$`,
          ),
        })
        .waitFor();

      const server = team.servers.find(s => s.name === 'filesystem')!;
      await servers.getByRole('link', { name: server.title }).click();
      await page.waitForURL(
        /\/catalog\/default\/api\/filesystem\/mcp-security$/,
      );
      await page.getByRole('heading', { name: 'Trust' }).waitFor();
    });
  });

  it('summarises a server in a card on its Overview, linking to its MCP Security tab', async () => {
    await withPage(browser, 'scorecards-entity-card', async page => {
      await signInAsGuest(page, backend.baseUrl);
      const server = teams
        .get('developer-experience')!
        .servers.find(s => s.name === 'filesystem')!;
      await openApi(page, server.title);
      await entityTab(page, 'Overview').waitFor();

      await page
        .getByRole('heading', { name: 'MCP Security', exact: true })
        .waitFor();
      await expect(
        fact(page, 'Open P1 recommendations').textContent(),
      ).resolves.toBe(String(server.openP1));
      await expect(fact(page, 'Overdue maintenance').isVisible()).resolves.toBe(
        true,
      );

      await page
        .getByRole('link', { name: /Open the MCP Security tab/ })
        .click();
      await page.waitForURL(
        /\/catalog\/default\/api\/filesystem\/mcp-security$/,
      );
      await page.getByRole('heading', { name: 'Trust' }).waitFor();
    });
  });

  it('shows a team its scorecard in a card on its group page', async () => {
    await withPage(browser, 'scorecards-group-card', async page => {
      const table = await openScorecards(page, backend.baseUrl, teams);
      const team = teams.get('developer-experience')!;
      const { row } = await teamRow(table, team.title);
      // The team's title is the row's only link.
      await row.getByRole('link').click();
      await page.waitForURL(/\/catalog\/default\/group\/developer-experience$/);

      await page
        .getByRole('heading', { name: 'MCP Security scorecard' })
        .waitFor();
      await expect(fact(page, 'MCP servers').textContent()).resolves.toBe(
        String(team.servers.length),
      );
      await expect(
        fact(page, 'Open P1 recommendations').textContent(),
      ).resolves.toBe(String(team.openP1));
      await expect(
        fact(page, 'Risk')
          .getByRole('img', { name: /^Servers by risk:/ })
          .getAttribute('aria-label'),
      ).resolves.toBe(`Servers by risk: ${riskSummary(team.risk)}`);
    });
  });

  it('downloads the scorecards as a CSV with the same figures', async () => {
    await withPage(browser, 'scorecards-csv', async page => {
      const table = await openScorecards(page, backend.baseUrl, teams);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);

      expect(download.suggestedFilename()).toBe(
        'mcp-security-scorecards-owner.csv',
      );
      const [header, ...lines] = readFileSync((await download.path())!, 'utf8')
        .trimEnd()
        .split('\r\n');
      const columns = header.split(',');
      const rows = lines.map(line =>
        Object.fromEntries(
          line.split(',').map((value, i) => [columns[i], value]),
        ),
      );
      expect(rows.map(r => r.group)).toEqual(
        [...teams.keys()].sort().map(name => `group:default/${name}`),
      );
      for (const row of rows) {
        const team = teams.get(parseEntityRef(row.group).name)!;
        expect(row).toMatchObject({
          servers: String(team.servers.length),
          risk_critical: String(team.risk.critical),
          risk_high: String(team.risk.high),
          risk_medium: String(team.risk.medium),
          risk_low: String(team.risk.low),
          coverage_percent: '100',
          open_p1: String(team.openP1),
        });
        // The level the page shows, word for word.
        const { cell } = await teamRow(table, team.title);
        expect(cell('Level')).toBe(row.level || 'No level');
      }
    });
  });
});

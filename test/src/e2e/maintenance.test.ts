import { readFileSync } from 'node:fs';
import { Browser, Locator, Page } from 'playwright-core';
import {
  guestToken,
  RunningBackend,
  startBackend,
  waitForEntity,
} from '../harness/backend';
import {
  entityTab,
  launchChromium,
  openApi,
  openSection,
  signInAsGuest,
  withPage,
} from './browser';

jest.setTimeout(180_000);

// The guest is user:default/alice of developer-experience, which owns the
// filesystem server, and so may complete its maintenance tasks. The backend
// keeps the whole file's completions in one in-memory database.

/** Signs in as the guest and opens the Maintenance section of the filesystem server's MCP Security tab. */
async function openMaintenance(page: Page, baseUrl: string): Promise<Locator> {
  await signInAsGuest(page, baseUrl);
  await openApi(page, 'Filesystem (shared drive)');
  await entityTab(page, 'MCP Security').click();
  const panel = await openSection(page, 'Maintenance');
  await panel.getByRole('heading', { name: 'Maintenance tasks' }).waitFor();
  return panel;
}

/**
 * Expands a task by its title and answers its details. A completed task may
 * stay where it was, still expanded, or move to another group, collapsed.
 */
async function expandTask(maintenance: Locator, title: string) {
  // The summary's name also holds the due chip and the cadence.
  const summary = maintenance.getByRole('button', { name: title });
  if ((await summary.getAttribute('aria-expanded')) === 'false') {
    await summary.click();
  }
  const details = maintenance.getByRole('region', { name: title });
  await details.waitFor();
  // A click inside details that are still expanding can be lost on a loaded
  // machine, so wait for the expand transition to end.
  await maintenance
    .locator('.MuiCollapse-entered')
    .filter({ has: maintenance.page().getByRole('region', { name: title }) })
    .waitFor();
  return details;
}

describe('maintenance in the MCP Security tab, in Chromium', () => {
  let backend: RunningBackend;
  let browser: Browser;

  beforeAll(async () => {
    backend = await startBackend({ port: 7117 });
    await backend.explained(async () => {
      await waitForEntity(
        backend.baseUrl,
        await guestToken(backend.baseUrl),
        'api:default/filesystem',
      );
    });
    browser = await launchChromium();
  });

  function inPage(name: string, flow: (page: Page) => Promise<void>) {
    return withPage(browser, name, flow);
  }

  afterAll(async () => {
    await browser?.close();
    await backend?.stop();
  });

  it('completes a task with evidence, moves its next due date and records it in the history', async () => {
    await inPage('maintenance-complete', async page => {
      const maintenance = await openMaintenance(page, backend.baseUrl);
      // Any task will do: the first one listed. Its title is the summary's first line.
      const title = (await maintenance
        .getByRole('button', { expanded: false })
        .first()
        .locator('p')
        .first()
        .textContent())!;
      let details = await expandTask(maintenance, title);
      // "Every week. Not completed yet; applies since <time>. Next due <time>."
      const schedule = details.getByText(/^Every /);
      await schedule.getByText(/Not completed yet/).waitFor();
      const dueBefore = await schedule
        .locator('time')
        .last()
        .getAttribute('datetime');

      await details.getByRole('button', { name: 'Complete…' }).click();
      const dialog = page.getByRole('dialog');
      const complete = dialog.getByRole('button', {
        name: 'Complete',
        exact: true,
      });
      const evidence = dialog.getByRole('textbox', { name: /Evidence/ });
      await expect(complete.isDisabled()).resolves.toBe(true);
      // Blanks are no evidence.
      await evidence.fill('   ');
      await expect(complete.isDisabled()).resolves.toBe(true);
      await dialog.getByRole('radio', { name: 'Done with issues' }).check();
      const recorded = 'Two stale client tokens found and revoked (INC-4711)';
      await evidence.fill(recorded);
      await expect(complete.isEnabled()).resolves.toBe(true);
      await complete.click();
      await dialog.waitFor({ state: 'hidden' });

      // The next cycle starts now, later than the one counted from when the task first applied.
      details = await expandTask(maintenance, title);
      const scheduleAfter = details.getByText(/^Every /);
      await scheduleAfter.getByText(/Last completed/).waitFor();
      const dueAfter = await scheduleAfter
        .locator('time')
        .last()
        .getAttribute('datetime');
      expect(Date.parse(dueAfter!)).toBeGreaterThan(Date.parse(dueBefore!));

      const completion = maintenance
        .getByRole('table', { name: 'Maintenance completions' })
        .getByRole('row')
        .filter({ hasText: recorded });
      await completion.waitFor();
      const text = await completion.textContent();
      expect(text).toContain(title);
      expect(text).toContain('Done with issues');
      await expect(
        completion.getByRole('link').getAttribute('href'),
      ).resolves.toMatch(/\/catalog\/default\/user\/alice$/);
    });
  });

  it('downloads the schedule as an iCalendar file', async () => {
    await inPage('maintenance-calendar', async page => {
      const maintenance = await openMaintenance(page, backend.baseUrl);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        maintenance
          .getByRole('button', { name: 'Download calendar (.ics)' })
          .click(),
      ]);

      expect(download.suggestedFilename()).toBe('filesystem-maintenance.ics');
      const calendar = readFileSync((await download.path())!, 'utf8');
      expect(calendar).toMatch(/^BEGIN:VCALENDAR\r\n/);
      expect(calendar).toContain('RRULE:FREQ=');
    });
  });
});

import { Browser, Locator, Page } from 'playwright-core';
import {
  guestToken,
  RunningBackend,
  startBackend,
  waitForEntity,
} from '../harness/backend';
import {
  launchChromium,
  openMcpSecurityTab as openTab,
  openSection,
  permissionAnswer,
  signInAsGuest,
  waitForStableLayout,
  withPage,
} from './browser';

jest.setTimeout(180_000);

// The guest is user:default/alice of developer-experience, which owns the
// filesystem server but not the Stripe one (payments-team). Every flow runs on
// a page of its own and decides on a recommendation of its own, as the
// backend keeps the decisions of the whole file in one in-memory database.

/** Signs in as the guest and opens the MCP Security tab of an API by its title. */
async function openMcpSecurityTab(page: Page, baseUrl: string, title: string) {
  await signInAsGuest(page, baseUrl);
  await openTab(page, title);
}

/** Expands a recommendation and answers its details, decisions included. */
async function expandRecommendation(
  recommendations: Locator,
  title: string,
): Promise<{ summary: Locator; details: Locator }> {
  // The summary's name also holds its priority and status chips.
  const summary = recommendations.getByRole('button', { name: title });
  await summary.click();
  const details = recommendations.getByRole('region', { name: title });
  await details.waitFor();
  // Code blocks are highlighted once their language loads, which moves the
  // actions below them: a click aimed before that would miss.
  await waitForStableLayout(details);
  return { summary, details };
}

describe('recommendations in the MCP Security tab, in Chromium', () => {
  let backend: RunningBackend;
  let browser: Browser;

  beforeAll(async () => {
    backend = await startBackend({ port: 7115 });
    await backend.explained(async () => {
      await waitForEntity(
        backend.baseUrl,
        await guestToken(backend.baseUrl),
        'api:default/filesystem',
        'api:default/stripe',
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

  it('lowers the residual risk once an owner marks a mitigating recommendation implemented', async () => {
    await inPage('recommendation-implemented', async page => {
      await openMcpSecurityTab(
        page,
        backend.baseUrl,
        'Filesystem (shared drive)',
      );
      const overview = page.getByRole('tabpanel', { name: 'Overview' });
      // An owner may re-assess, and nothing took points off yet.
      await overview.getByRole('button', { name: 'Refresh' }).waitFor();
      await expect(
        overview.getByRole('heading', { name: 'Residual risk' }).count(),
      ).resolves.toBe(0);

      const recommendations = await openSection(page, 'Recommendations');
      const title = 'Run the server in a hardened container';
      const { summary, details } = await expandRecommendation(
        recommendations,
        title,
      );
      await summary.getByRole('img', { name: 'Status: open' }).waitFor();
      await details.getByRole('button', { name: 'Mark implemented' }).click();
      await summary.getByRole('img', { name: 'Status: implemented' }).waitFor();
      await details.getByText(/^Marked implemented by /).waitFor();

      await openSection(page, 'Overview');
      await overview.getByRole('heading', { name: 'Residual risk' }).waitFor();
      // The Risk card reads "Score <risk>/100", then "Score <residual>/100".
      const [riskScore, residualScore] = (
        await overview.getByText(/^Score \d+\/100$/).allTextContents()
      ).map(text => Number(/\d+/.exec(text)![0]));
      expect(residualScore).toBeLessThan(riskScore);
      await expect(
        overview
          .getByText(
            `−${
              riskScore - residualScore
            } points from implemented recommendations`,
          )
          .isVisible(),
      ).resolves.toBe(true);
      await expect(
        overview
          .getByRole('list', { name: 'Risk reductions' })
          .getByText(title)
          .isVisible(),
      ).resolves.toBe(true);
    });
  });

  it('dismisses a recommendation only with a reason, and shows the reason', async () => {
    await inPage('recommendation-dismissed', async page => {
      await openMcpSecurityTab(
        page,
        backend.baseUrl,
        'Filesystem (shared drive)',
      );
      const recommendations = await openSection(page, 'Recommendations');
      const { summary, details } = await expandRecommendation(
        recommendations,
        'Be able to disable the server within minutes',
      );
      await details.getByRole('button', { name: 'Dismiss…' }).click();

      const dialog = page.getByRole('dialog');
      const confirm = dialog.getByRole('button', {
        name: 'Dismiss',
        exact: true,
      });
      const reason = dialog.getByRole('textbox', { name: /Reason/ });
      await expect(confirm.isDisabled()).resolves.toBe(true);
      // Blanks are no reason.
      await reason.fill('   ');
      await expect(confirm.isDisabled()).resolves.toBe(true);
      const note = 'The MCP gateway can block this server for every client';
      await reason.fill(note);
      await expect(confirm.isEnabled()).resolves.toBe(true);
      await confirm.click();

      await dialog.waitFor({ state: 'hidden' });
      await summary.getByRole('img', { name: 'Status: dismissed' }).waitFor();
      await expect(
        details.getByText(/^Dismissed by .+: /).textContent(),
      ).resolves.toContain(`: ${note}`);
    });
  });

  it('lists the recorded assessments in the History section', async () => {
    await inPage('history', async page => {
      await openMcpSecurityTab(
        page,
        backend.baseUrl,
        'Filesystem (shared drive)',
      );
      const history = await openSection(page, 'History');
      const table = history.getByRole('table', { name: 'Assessment history' });
      await table.waitFor();
      // A header row and at least one assessment.
      await expect(table.getByRole('row').count()).resolves.toBeGreaterThan(1);
      await expect(
        table
          .getByRole('row')
          .nth(1)
          .getByRole('img', { name: /^Risk level/ })
          .isVisible(),
      ).resolves.toBe(true);
    });
  });

  it('offers no decisions and no Refresh on a server the user does not own', async () => {
    await inPage('not-owner', async page => {
      const refreshAnswer = permissionAnswer(
        page,
        'mcp-security.assessment.refresh',
      );
      const decideAnswer = permissionAnswer(
        page,
        'mcp-security.recommendation.update',
      );
      await openMcpSecurityTab(page, backend.baseUrl, 'Stripe');
      await expect(refreshAnswer).resolves.toBe('DENY');
      await expect(decideAnswer).resolves.toBe('DENY');

      const overview = page.getByRole('tabpanel', { name: 'Overview' });
      await overview.getByRole('heading', { name: 'Trust' }).waitFor();
      await expect(
        overview.getByRole('button', { name: 'Refresh' }).count(),
      ).resolves.toBe(0);

      const recommendations = await openSection(page, 'Recommendations');
      // Any recommendation: its summary is the first collapsed button.
      await recommendations
        .getByRole('button', { expanded: false })
        .first()
        .click();
      const details = recommendations.getByRole('region').first();
      await details.waitFor();
      // Code blocks in the steps have copy buttons, so look for the decisions by name.
      for (const action of [
        'Accept',
        'Mark implemented',
        'Dismiss…',
        'Reopen',
      ]) {
        await expect(
          details.getByRole('button', { name: action, exact: true }).count(),
        ).resolves.toBe(0);
      }
    });
  });
});

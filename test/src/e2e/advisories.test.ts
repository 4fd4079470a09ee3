import { Browser } from 'playwright-core';
import {
  guestToken,
  RunningBackend,
  startBackend,
  waitForEntity,
} from '../harness/backend';
import {
  launchChromium,
  openMcpSecurityPage,
  openMcpSecurityTab,
  signInAsGuest,
  withPage,
} from './browser';

jest.setTimeout(180_000);

describe('advisories in the built portal, in Chromium', () => {
  let backend: RunningBackend;
  let browser: Browser;

  beforeAll(async () => {
    backend = await startBackend({ port: 7165 });
    const token = await guestToken(backend.baseUrl);
    await waitForEntity(backend.baseUrl, token, 'api:default/postmark');
    // The fleet view lists assessed servers; assess the postmark example first.
    const response = await fetch(
      `${backend.baseUrl}/api/mcp-security/entities/api/default/postmark/assessment`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    if (!response.ok) {
      throw new Error(`assessing postmark failed: ${response.status}`);
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await backend?.stop();
  });

  it('shows the malicious release on the server’s tab and who runs it on the MCP Security page', async () => {
    await withPage(browser, 'advisories', async page => {
      await signInAsGuest(page, backend.baseUrl);

      await openMcpSecurityTab(page, 'Postmark (receipt e-mails)');
      const advisories = page.getByRole('table', { name: 'Advisories' });
      await advisories.waitFor();
      const row = advisories.getByRole('row').filter({
        hasText: 'MAL-2025-47604',
      });
      await expect(row.textContent()).resolves.toContain('Malicious package');
      await expect(row.textContent()).resolves.toContain('postmark-mcp@1.0.16');
      await expect(
        page
          .getByRole('img', { name: 'Risk level: critical' })
          .first()
          .isVisible(),
      ).resolves.toBe(true);

      await openMcpSecurityPage(page);
      await page.getByRole('tab', { name: 'Advisories' }).click();
      const fleet = page.getByRole('table', {
        name: 'Advisories matching MCP servers',
      });
      await fleet.waitFor();
      const servers = fleet.getByRole('list', {
        name: 'Servers matching MAL-2025-47604',
      });
      await servers.getByRole('link', { name: /Postmark/ }).waitFor();
      await expect(servers.textContent()).resolves.toContain('1.0.16');
      await expect(
        page
          .getByRole('table', { name: 'Advisory sources' })
          .getByText(/examples\/advisories$/)
          .isVisible(),
      ).resolves.toBe(true);
    });
  });
});

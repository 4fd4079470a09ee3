import { Browser } from 'playwright-core';
import {
  guestToken,
  RunningBackend,
  startBackend,
  waitForEntity,
} from '../harness/backend';
import { FAST_FACTS, latestMcpFacts } from '../harness/techInsights';
import { launchChromium, openApi, signInAsGuest, withPage } from './browser';

jest.setTimeout(180_000);

describe("the Tech Insights checks on an MCP server's page, in Chromium", () => {
  let backend: RunningBackend;
  let browser: Browser;

  beforeAll(async () => {
    backend = await startBackend({ port: 7190, config: FAST_FACTS });
    const token = await guestToken(backend.baseUrl);
    await waitForEntity(backend.baseUrl, token, 'api:default/postmark');
    await backend.explained(() =>
      latestMcpFacts(backend.baseUrl, token, 'api:default/postmark'),
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await backend?.stop();
  });

  it('shows which MCP checks the postmark server fails and passes', async () => {
    await withPage(browser, 'mcp-checks', async page => {
      await signInAsGuest(page, backend.baseUrl);
      await openApi(page, 'Postmark (receipt e-mails)');
      const checks = page.getByRole('list', { name: 'MCP checks' });
      await checks.waitFor();
      await checks.getByText('No critical MCP server: failed').waitFor();
      await checks
        .getByText('No malicious or known-vulnerable packages: failed')
        .waitFor();
      await expect(
        checks.getByText('Tool definitions reviewed: passed').isVisible(),
      ).resolves.toBe(true);
    });
  });
});

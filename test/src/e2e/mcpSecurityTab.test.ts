import { Browser } from 'playwright-core';
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
  signInAsGuest,
  withPage,
} from './browser';

jest.setTimeout(180_000);

describe('the MCP Security tab in the built portal, in Chromium', () => {
  let backend: RunningBackend;
  let browser: Browser;

  beforeAll(async () => {
    backend = await startBackend({ port: 7110 });
    await waitForEntity(
      backend.baseUrl,
      await guestToken(backend.baseUrl),
      'api:default/filesystem',
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await backend?.stop();
  });

  it('shows trust, risk and the reasons of an MCP server after guest sign-in', async () => {
    await withPage(browser, 'mcp-security-tab', async page => {
      await signInAsGuest(page, backend.baseUrl);

      await openApi(page, 'Filesystem (shared drive)');

      // The sidebar also links to the MCP Security page, by the same name.
      await entityTab(page, 'MCP Security').click();
      await page.getByRole('heading', { name: 'Trust' }).waitFor();

      await expect(
        page.getByRole('img', { name: 'Risk level: high' }).isVisible(),
      ).resolves.toBe(true);
      await expect(
        page
          .getByText(
            'Runs without isolation, with the launching user’s full access',
          )
          .isVisible(),
      ).resolves.toBe(true);
      await expect(
        page.getByText(/is the vendor's own publisher namespace/).isVisible(),
      ).resolves.toBe(true);
    });
  });

  it('does not offer the tab on entities that are not MCP servers', async () => {
    await withPage(browser, 'no-tab-on-groups', async page => {
      await signInAsGuest(page, backend.baseUrl);
      // The catalog opens on components; the Kind picker is a button named after the current kind.
      await page.getByRole('button', { name: 'component' }).click();
      await page.getByRole('option', { name: /^system$/i }).click();
      await page
        .getByRole('link', { name: 'Developer Tooling' })
        .first()
        .click();
      await entityTab(page, 'Overview').waitFor();
      await expect(entityTab(page, 'MCP Security').count()).resolves.toBe(0);
    });
  });
});

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, chromium, Locator, Page, Response } from 'playwright-core';
import { repoRoot } from '../harness/backend';

/** Where failing flows leave a screenshot (git-ignored). */
export const SCREENSHOT_DIR = resolve(repoRoot, '.test-results/e2e');

/** Debian's Chromium, never a downloaded browser; the flags keep it off the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Runs a flow on a fresh page and keeps a screenshot when it fails; the
 * failure also tells which requests failed and what the page logged as errors.
 */
export async function withPage(
  browser: Browser,
  name: string,
  flow: (page: Page) => Promise<void>,
) {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 1000 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('requestfailed', request =>
    problems.push(
      `${request.method()} ${request.url()} failed: ${
        request.failure()?.errorText
      }`,
    ),
  );
  page.on('response', response => {
    if (response.status() >= 500) {
      problems.push(
        `${response
          .request()
          .method()} ${response.url()} answered ${response.status()}`,
      );
    }
  });
  page.on('pageerror', error => problems.push(`page error: ${error.message}`));
  try {
    await flow(page);
  } catch (error) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page
      .screenshot({
        path: resolve(SCREENSHOT_DIR, `${name}.png`),
        fullPage: true,
      })
      .catch(() => undefined);
    if (error instanceof Error && problems.length > 0) {
      error.message += `\n\nWhile the flow ran:\n${problems.join('\n')}`;
    }
    throw error;
  } finally {
    await context.close();
  }
}

/** Guest sign-in; afterwards navigate inside the app, since a fresh load shows sign-in again. */
export async function signInAsGuest(page: Page, baseUrl: string) {
  await page.goto(baseUrl);
  await page.getByRole('button', { name: /enter/i }).click();
}

/**
 * Signs in as a user of the example organisation through the dev portal's
 * development-only sign-in (the dev-user provider). Use one browser context
 * per user; the choice holds for the tab's session.
 */
export async function signInAs(page: Page, baseUrl: string, user: string) {
  await page.goto(baseUrl);
  await page
    .getByRole('button', { name: `Sign in as ${user}`, exact: true })
    .click();
  // The catalog is the home page.
  await page.getByRole('button', { name: 'component' }).waitFor();
}

/**
 * A tab of the entity page, by its title. The entity page's tabs are links
 * in its content navigation; the sidebar also links to the MCP Security
 * page, under the same name as the tab.
 */
export function entityTab(page: Page, title: string): Locator {
  return page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: title, exact: true });
}

/** Opens the entity page of an API by its title, from the catalog. */
export async function openApi(page: Page, apiTitle: string) {
  // The catalog opens on components; the Kind picker is a button named after the current kind.
  await page.getByRole('button', { name: 'component' }).click();
  await page.getByRole('option', { name: /^api$/i }).click();
  await page.getByRole('link', { name: apiTitle, exact: true }).click();
}

/** Opens the MCP Security tab of an API by its title, from the catalog. */
export async function openMcpSecurityTab(page: Page, apiTitle: string) {
  await openApi(page, apiTitle);
  await entityTab(page, 'MCP Security').click();
  await page.getByRole('tab', { name: 'Overview', selected: true }).waitFor();
}

/** Opens a section of the MCP Security tab and answers its panel. */
export async function openSection(page: Page, name: string): Promise<Locator> {
  await page.getByRole('tab', { name, exact: true }).click();
  const panel = page.getByRole('tabpanel', { name, exact: true });
  await panel.waitFor();
  return panel;
}

/** Opens the MCP Security page from the sidebar. */
export async function openMcpSecurityPage(page: Page) {
  // The entity page's tab has the same name.
  await page
    .getByTestId('sidebar-root')
    .getByRole('link', { name: 'MCP Security', exact: true })
    .click();
}

/**
 * What the permission backend answered the app for one permission, so that a
 * missing button is known to be a denial rather than an answer still pending.
 * Register it before the page asks.
 */
export function permissionAnswer(
  page: Page,
  permission: string,
): Promise<string> {
  return new Promise((answer, reject) => {
    const listener = (response: Response) => {
      if (!response.url().endsWith('/api/permission/authorize')) return;
      const request = response.request().postDataJSON() as {
        items: { id: string; permission: { name: string } }[];
      };
      const asked = request.items.find(i => i.permission.name === permission);
      if (!asked) return;
      page.off('response', listener);
      response
        .json()
        .then((body: { items: { id: string; result: string }[] }) =>
          answer(body.items.find(i => i.id === asked.id)?.result ?? 'none'),
        )
        .catch(reject);
    };
    page.on('response', listener);
  });
}

/**
 * Waits until an element keeps its size and place for a moment: content that
 * loads late (highlighted code, permission answers that add actions) moves
 * what follows it, and a click aimed before it settles lands elsewhere.
 */
export async function waitForStableLayout(locator: Locator) {
  const deadline = Date.now() + 15_000;
  let last = '';
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const box = JSON.stringify(await locator.boundingBox());
    if (box !== last) {
      last = box;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 500) {
      return;
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('the layout never settled');
}

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
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

import { Page } from 'playwright-core';

// What the templates and template editor suites share: the deploy template's
// form for the filesystem server, owned by the guest (user:default/alice).

export const SERVER = 'api:default/filesystem';
export const SERVER_TITLE = 'Filesystem (shared drive)';

/** Opens Create from the sidebar. */
export async function openCreate(page: Page) {
  await page.getByRole('link', { name: 'Create', exact: true }).first().click();
}

/** The active step of the template's form, by its title in the stepper. */
export async function expectStep(page: Page, title: string) {
  await page
    .locator('.MuiStep-root')
    .filter({ hasText: title })
    .locator('.MuiStepIcon-active')
    .waitFor();
}

/**
 * Picks the filesystem server in the deploy template's first step, leaving
 * its facts empty so that the catalog's annotations apply.
 */
export async function chooseServer(page: Page) {
  const picker = page.getByRole('textbox', { name: 'MCP server' });
  // The picker's list is virtualised: with the registry's servers in the
  // catalog, the filesystem server can sit below the rendered window, so the
  // title is typed to filter the list down to it.
  await picker.fill(SERVER_TITLE);
  await page.getByRole('option', { name: SERVER_TITLE, exact: true }).click();
  await expect(picker.inputValue()).resolves.toBe(SERVER);
  for (const fact of ['deploymentContext', 'exposure', 'dataClassification']) {
    await expect(
      page.locator(`input[name="root_${fact}"]`).inputValue(),
    ).resolves.toBe('');
  }
}

/** The files the deploy template renders for the filesystem server. */
export function expectDeployFiles(paths: string[]) {
  expect(paths).toEqual(
    expect.arrayContaining([
      'deploy/Dockerfile',
      'deploy/compose.yaml',
      'deploy/RUNBOOK.md',
    ]),
  );
  // A stdio npm server also runs on Kubernetes, behind a bridge.
  expect(paths.some(p => p.startsWith('deploy/kubernetes/'))).toBe(true);
}

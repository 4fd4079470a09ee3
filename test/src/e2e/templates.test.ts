import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import {
  guestTokenWithGroups,
  RunningBackend,
  startBackend,
  waitForEntity,
} from '../harness/backend';
import {
  entityTab,
  launchChromium,
  openSection,
  SCREENSHOT_DIR,
  signInAsGuest,
  withPage,
} from './browser';
import {
  chooseServer,
  expectDeployFiles,
  expectStep,
  openCreate,
  SERVER,
} from './templateForm';

jest.setTimeout(240_000);

// The dev portal's scaffolder templates (examples/templates/*), run through
// the Create page as the guest, user:default/alice of developer-experience,
// which owns the filesystem server: the deploy template renders its files
// and opens a change request as alice, so her group memberships must be in
// her token.

/** Opens Create from the sidebar and chooses a template by its title. */
async function chooseTemplate(page: Page, title: string) {
  await openCreate(page);
  // Each template is a card with its title and a Choose button; the last
  // element holding both is the card itself, not the grid around all cards.
  await page
    .locator('div')
    .filter({ has: page.getByText(title, { exact: true }) })
    .filter({ has: page.getByRole('button', { name: 'Choose' }) })
    .last()
    .getByRole('button', { name: 'Choose' })
    .click();
  await page.getByRole('heading', { name: title }).waitFor();
}

/** The value the review step shows for a field, by the field's label. */
async function reviewValue(page: Page, label: string): Promise<string> {
  const row = page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: label, exact: true }) });
  return ((await row.getByRole('cell').nth(1).textContent()) ?? '').trim();
}

/** Picks an option of a Material UI select, which is a button, not a <select>. */
async function pick(page: Page, label: string, option: string) {
  await page.getByRole('button', { name: new RegExp(`^${label}`) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('the dev portal templates, in Chromium', () => {
  let backend: RunningBackend;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    backend = await startBackend({ port: 7150 });
    await backend.explained(async () => {
      token = await guestTokenWithGroups(backend.baseUrl);
      await waitForEntity(
        backend.baseUrl,
        token,
        SERVER,
        'template:default/deploy-mcp-server',
        'template:default/register-mcp-server',
      );
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await backend?.stop();
  });

  async function api(path: string) {
    const response = await fetch(`${backend.baseUrl}/api/mcp-security${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return response.json();
  }

  it('deploys the filesystem server securely and opens a change request for it', async () => {
    const assessment = await api('/entities/api/default/filesystem/assessment');
    const rollbackPlan =
      'kubectl delete -f deploy/kubernetes, then start the npx launcher again on the shared host.';

    await withPage(browser, 'templates-deploy', async page => {
      await signInAsGuest(page, backend.baseUrl);
      await chooseTemplate(page, 'Deploy an MCP server securely');

      await expectStep(page, 'The server and where it runs');
      await chooseServer(page);
      await page.getByRole('button', { name: 'Next' }).click();

      await expectStep(page, 'What to render');
      // No file kind ticked: every kind that applies.
      for (const kind of [
        'Dockerfile',
        'Docker Compose',
        'Kubernetes manifests',
      ]) {
        await expect(
          page.getByRole('checkbox', { name: kind }).isChecked(),
        ).resolves.toBe(false);
      }
      await expect(
        page
          .getByRole('textbox', { name: 'Kubernetes namespace' })
          .inputValue(),
      ).resolves.toBe('mcp-servers');
      await page.getByRole('button', { name: 'Next' }).click();

      await expectStep(page, 'Change request');
      // The change request's fields show only once it is ticked.
      const rollback = page.getByRole('textbox', { name: 'Rollback plan' });
      await expect(rollback.count()).resolves.toBe(0);
      await page
        .getByRole('checkbox', {
          name: 'Open a change request for this deployment',
        })
        .check();
      await expect(
        page.getByRole('button', { name: /^Change type/ }).textContent(),
      ).resolves.toContain('Infrastructure change');
      // A default plan is offered; this one names the files.
      await expect(rollback.inputValue()).resolves.toMatch(
        /^Delete the resources/,
      );
      await rollback.fill(rollbackPlan);
      // Unfocused, so the screenshot shows no half-drawn focus line.
      await rollback.blur();
      await page.waitForTimeout(300);
      // Publishing is a step of its own, so nothing of it shows here.
      await expect(
        page.getByRole('checkbox', { name: /Publish/ }).count(),
      ).resolves.toBe(0);
      await page.screenshot({
        path: join(SCREENSHOT_DIR, 'deploy-template-form.png'),
        fullPage: true,
      });
      await page.getByRole('button', { name: 'Next' }).click();

      await expectStep(page, 'Publishing');
      await expect(
        page
          .getByRole('checkbox', {
            name: 'Publish the files to a new GitHub repository',
          })
          .isChecked(),
      ).resolves.toBe(false);
      await page.getByRole('button', { name: 'Review' }).click();

      await expectStep(page, 'Review');
      await expect(reviewValue(page, 'MCP server')).resolves.toBe(SERVER);
      await expect(reviewValue(page, 'Kubernetes namespace')).resolves.toBe(
        'mcp-servers',
      );
      await expect(reviewValue(page, 'Change type')).resolves.toBe(
        'Infrastructure change',
      );
      await expect(reviewValue(page, 'Rollback plan')).resolves.toBe(
        rollbackPlan,
      );
      await page.getByRole('button', { name: 'Create', exact: true }).click();

      // The output shows once the task has completed.
      await page.waitForURL(/\/create\/tasks\//);
      const deployment = page
        .locator('p')
        .filter({ hasText: /Risk\s+\w+,\s+trust\s+\w+\.\s+Files:/ });
      await deployment.waitFor({ timeout: 120_000 });
      const text = (await deployment.textContent())!
        .replace(/\s+/g, ' ')
        .trim();
      const [, risk, files] = text.match(
        /^Risk (\w+), trust \w+\. Files: (.*)\.$/,
      )!;
      expect(risk).toBe(assessment.risk.level);
      expectDeployFiles(files.split(', '));
      await page.screenshot({
        path: join(SCREENSHOT_DIR, 'deploy-template-result.png'),
        fullPage: true,
      });

      // The output's texts and links are buttons of its box.
      const outputBox = page.getByTestId('output-box');
      await outputBox
        .getByRole('button', { name: 'Change request', exact: true })
        .click();
      const changeText = (await page
        .locator('p')
        .filter({ hasText: /Change\s+[0-9a-f-]{36}\s+is/ })
        .textContent())!.replace(/\s+/g, ' ');
      const [, changeId, state] = changeText.match(
        /^Change ([0-9a-f-]{36}) is (\w+)/,
      )!;
      expect(state).toBe('submitted');

      const { items } = await api(
        `/changes?entityRef=${encodeURIComponent(SERVER)}`,
      );
      const change = items.find((c: { id: string }) => c.id === changeId);
      expect(change).toMatchObject({
        entityRef: SERVER,
        changeType: 'infrastructure-change',
        rollbackPlan,
        state: 'submitted',
        requestedBy: 'user:default/alice',
      });
      expect(change.description).toContain('deploy/RUNBOOK.md');

      // The output links to the server, whose MCP Security tab lists the change.
      await outputBox
        .getByRole('link', { name: 'The server in the catalog' })
        .click();
      await entityTab(page, 'MCP Security').click();
      const changes = await openSection(page, 'Changes');
      await changes
        .getByRole('button', { name: change.title })
        .getByRole('img', { name: 'State: submitted' })
        .waitFor();
    });
  });

  it('takes a server described by its npm package to the review step', async () => {
    await withPage(browser, 'templates-register', async page => {
      await signInAsGuest(page, backend.baseUrl);
      await chooseTemplate(page, 'Register an MCP server');

      await expectStep(page, 'The server');
      await page.getByRole('textbox', { name: 'Name' }).fill('orders-mcp');
      await page
        .getByRole('textbox', { name: 'Title' })
        .fill('Orders MCP server');
      await page
        .getByRole('textbox', { name: 'Description' })
        .fill('Order lookups for the support assistant');
      await page.getByRole('textbox', { name: 'Owner' }).click();
      await page
        .getByRole('option', { name: 'Developer Experience', exact: true })
        .click();
      await page.getByRole('button', { name: 'Next' }).click();

      await expectStep(page, 'How it is run');
      await expect(
        page.getByRole('button', { name: /^Describe it by/ }).textContent(),
      ).resolves.toContain('A package it is launched from');
      await page
        .getByRole('textbox', { name: 'MCP Registry name' })
        .fill('io.github.acme/orders-mcp');
      await page
        .getByRole('textbox', { name: 'Package or image' })
        .fill('@acme/orders-mcp');
      await page
        .getByRole('textbox', { name: 'Exact version or image tag' })
        .fill('1.4.2');
      await page.getByRole('button', { name: 'Next' }).click();

      await expectStep(page, 'Where and how it runs');
      await pick(page, 'Deployment context', 'internal');
      await pick(page, 'Isolation', 'container');
      await page.getByRole('button', { name: 'Next' }).click();

      await expectStep(page, 'Publish');
      await page.getByRole('button', { name: 'Review' }).click();

      await expectStep(page, 'Review');
      await expect(reviewValue(page, 'Name')).resolves.toBe('orders-mcp');
      await expect(reviewValue(page, 'Title')).resolves.toBe(
        'Orders MCP server',
      );
      await expect(reviewValue(page, 'Owner')).resolves.toBe(
        'group:default/developer-experience',
      );
      await expect(reviewValue(page, 'Lifecycle')).resolves.toBe(
        'experimental',
      );
      await expect(reviewValue(page, 'MCP Registry name')).resolves.toBe(
        'io.github.acme/orders-mcp',
      );
      await expect(reviewValue(page, 'Deployment context')).resolves.toBe(
        'internal',
      );
      await expect(reviewValue(page, 'Isolation')).resolves.toBe('container');
      const review = await page.getByRole('table').first().textContent();
      expect(review).toContain('@acme/orders-mcp');
      expect(review).toContain('1.4.2');
      await page.getByRole('button', { name: 'Create', exact: true }).waitFor();
    });
  });
});

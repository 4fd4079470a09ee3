import { Browser, Locator, Page } from 'playwright-core';
import {
  devUserToken,
  RunningBackend,
  startBackend,
  waitForEntity,
} from '../harness/backend';
import {
  launchChromium,
  openMcpSecurityPage,
  openMcpSecurityTab,
  openSection,
  permissionAnswer,
  signInAs,
  withPage,
} from './browser';

jest.setTimeout(240_000);

// Change approval across users, each in a browser context of their own,
// signed in through the dev portal's development-only sign-in: alice of
// developer-experience owns the filesystem (high risk) and fetch (medium
// risk) servers and may request changes to them; sam and jordan of the
// security team may request and approve changes on every server. The
// backend keeps the file's changes in one in-memory database, so every
// flow requests a change of its own.

/** Opens the Changes section of the server's MCP Security tab. */
async function openChanges(page: Page, apiTitle: string): Promise<Locator> {
  await openMcpSecurityTab(page, apiTitle);
  return openSection(page, 'Changes');
}

/**
 * Requests a change through the form: checks the risk and approvals it
 * shows before submitting, submits, and answers the change's summary.
 */
async function requestChange(
  page: Page,
  changes: Locator,
  change: { type: string; title: string; risk: string; needs: RegExp },
): Promise<Locator> {
  await changes.getByRole('button', { name: 'Request change' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request a change' });
  await dialog.getByLabel('Change type').selectOption({ label: change.type });
  const needs = dialog.getByRole('region', { name: 'What this change needs' });
  await needs
    .getByRole('img', { name: `Risk level: ${change.risk}` })
    .waitFor();
  await expect(needs.textContent()).resolves.toMatch(change.needs);

  await dialog.getByRole('textbox', { name: 'Title' }).fill(change.title);
  await dialog
    .getByRole('textbox', { name: 'Description' })
    .fill('Upgrade to the release that fixes the advisory.');
  const submit = dialog.getByRole('button', { name: 'Submit for approval' });
  // A rollback plan is required to submit.
  await expect(submit.isDisabled()).resolves.toBe(true);
  await dialog
    .getByRole('textbox', { name: 'Rollback plan' })
    .fill('Pin the previous version again and restart the clients.');
  await submit.click();
  await dialog.waitFor({ state: 'hidden' });

  const summary = changes.getByRole('button', { name: change.title });
  await summary.getByRole('img', { name: 'State: submitted' }).waitFor();
  return summary;
}

/**
 * Opens the approvals inbox of the MCP Security page from the sidebar and
 * answers its list, once the inbox has loaded (the list is absent when nothing
 * waits for the user's vote).
 */
async function openInbox(page: Page): Promise<Locator> {
  await openMcpSecurityPage(page);
  // The page opens on the scorecards; the inbox is the next tab.
  await page.getByRole('tab', { name: 'Approvals' }).click();
  await page
    .getByRole('heading', { name: 'Waiting for your approval' })
    .waitFor();
  return page.getByRole('list', { name: 'Changes waiting for your vote' });
}

/** Approves a change in the inbox with a comment. */
async function approveInInbox(page: Page, item: Locator, comment: string) {
  await item.getByRole('button', { name: 'Approve…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: /Comment/ }).fill(comment);
  await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('change approval across users, in Chromium', () => {
  let backend: RunningBackend;
  let browser: Browser;

  beforeAll(async () => {
    backend = await startBackend({ port: 7119 });
    await backend.explained(async () => {
      const token = await devUserToken(backend.baseUrl, 'alice');
      await devUserToken(backend.baseUrl, 'sam');
      await devUserToken(backend.baseUrl, 'jordan');
      await waitForEntity(
        backend.baseUrl,
        token,
        'api:default/filesystem',
        'api:default/fetch',
      );
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await backend?.stop();
  });

  /** One browser context per user, each keeping a screenshot when the flow fails. */
  function asUsers(
    name: string,
    flow: (first: Page, second: Page) => Promise<void>,
  ) {
    return withPage(browser, `${name}-1`, first =>
      withPage(browser, `${name}-2`, second => flow(first, second)),
    );
  }

  it('alice requests a high-risk change; sam approves it from his inbox; it shows 1 of 2 approvals', async () => {
    await asUsers('change-high-risk', async (alice, sam) => {
      const title = 'Upgrade the filesystem server to 0.6.4';
      await signInAs(alice, backend.baseUrl, 'alice');
      const aliceChanges = await openChanges(
        alice,
        'Filesystem (shared drive)',
      );
      const summary = await requestChange(alice, aliceChanges, {
        type: 'Security update',
        title,
        // A medium-risk type on a high-risk server is a high-risk change.
        risk: 'high',
        needs: /Needs 2 approvals, including .+, from people other than you/,
      });
      await expect(summary.textContent()).resolves.toContain(
        '0 of 2 approvals; still needs security-team',
      );

      await signInAs(sam, backend.baseUrl, 'sam');
      const inbox = await openInbox(sam);
      const item = inbox.getByRole('listitem', { name: title });
      const serverLink = item.getByRole('link', { name: /filesystem/i });
      await expect(serverLink.getAttribute('href')).resolves.toMatch(
        /^\/catalog\/default\/api\/filesystem\/mcp-security\?change=[\w-]+$/,
      );
      await approveInInbox(sam, item, 'Checked the changelog');
      // The change stays in place, showing where it now stands.
      await item.getByText(/1 of 2 approvals/).waitFor();
      await item.getByText(/^You approved this change/).waitFor();
      await expect(
        item.getByRole('button', { name: 'Approve…' }).count(),
      ).resolves.toBe(0);

      // The requester sees the approval, and that the security team's is in.
      await openSection(alice, 'Overview');
      const reloaded = await openSection(alice, 'Changes');
      const progress = reloaded.getByRole('button', { name: title });
      await progress.getByText('1 of 2 approvals').waitFor();
      await expect(progress.textContent()).resolves.not.toContain(
        'still needs',
      );

      // The inbox links to the change on the server's tab, where it opens.
      await serverLink.click();
      const changes = sam.getByRole('tabpanel', { name: 'Changes' });
      const details = changes.getByRole('region', { name: title });
      await details
        .getByRole('list', { name: 'Votes' })
        .getByText(/: Checked the changelog$/)
        .first()
        .waitFor();
      await details
        .getByRole('list', { name: 'Timeline' })
        .getByText(/\(draft → submitted\)/)
        .first()
        .waitFor();
    });
  });

  it('alice requests a medium-risk change and is offered no Approve on it; sam’s approval is enough', async () => {
    await asUsers('change-medium-risk', async (alice, sam) => {
      const title = 'Upgrade the fetch server';
      await signInAs(alice, backend.baseUrl, 'alice');
      const changes = await openChanges(alice, 'Fetch (web pages to Markdown)');
      const summary = await requestChange(alice, changes, {
        type: 'Security update',
        title,
        risk: 'medium',
        needs: /Needs 1 approval, from people other than you/,
      });
      await expect(summary.textContent()).resolves.toContain('0 of 1 approval');
      // The new change opens with its actions: the requester may cancel it,
      // never approve or reject it.
      const actions = changes.getByRole('region', { name: title });
      await actions.getByRole('button', { name: 'Cancel change…' }).waitFor();
      for (const action of ['Approve…', 'Reject…']) {
        await expect(
          actions.getByRole('button', { name: action }).count(),
        ).resolves.toBe(0);
      }

      await signInAs(sam, backend.baseUrl, 'sam');
      const inbox = await openInbox(sam);
      const item = inbox.getByRole('listitem', { name: title });
      await approveInInbox(sam, item, 'Fine');
      await item.getByRole('img', { name: 'State: approved' }).waitFor();
      await item.getByText(/1 of 1 approval/).waitFor();
    });
  });

  it('a security reviewer who requests a change may approve others’ but not their own', async () => {
    await asUsers('change-own-approval', async (sam, jordan) => {
      const title = 'Restrict fetch to the docs hosts';
      await signInAs(sam, backend.baseUrl, 'sam');
      // Sam may approve changes on the server…
      const approveAnswer = permissionAnswer(
        sam,
        'mcp-security.change.approve',
      );
      const changes = await openChanges(sam, 'Fetch (web pages to Markdown)');
      await expect(approveAnswer).resolves.toBe('ALLOW');
      await requestChange(sam, changes, {
        type: 'Dependency update',
        title,
        // A low-risk type on a medium-risk server is a medium-risk change.
        risk: 'medium',
        needs: /Needs 1 approval, from people other than you/,
      });
      // …but not his own.
      const actions = changes.getByRole('region', { name: title });
      await actions.getByRole('button', { name: 'Cancel change…' }).waitFor();
      await expect(
        actions.getByRole('button', { name: 'Approve…' }).count(),
      ).resolves.toBe(0);
      const samInbox = await openInbox(sam);
      await expect(
        samInbox.getByRole('listitem', { name: title }).count(),
      ).resolves.toBe(0);

      // Jordan, of the security team too, has it in his inbox.
      await signInAs(jordan, backend.baseUrl, 'jordan');
      const jordanInbox = await openInbox(jordan);
      await jordanInbox
        .getByRole('listitem', { name: title })
        .getByRole('button', { name: 'Approve…' })
        .waitFor();
    });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Locator, Page } from 'playwright-core';
import {
  guestTokenWithGroups,
  repoRoot,
  RunningBackend,
  startBackend,
  waitForEntity,
} from '../harness/backend';
import {
  launchChromium,
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

// The scaffolder's template editor in the dev portal (Create → the Template
// Editor tab, /create/edit), dry-running "Deploy an MCP server securely" as
// the guest, user:default/alice, who owns the filesystem server.
//
// In @backstage/plugin-scaffolder 1.39 only "Load Template Directory" (and
// "Create New Template") lead to a dry run: the "Template Form Playground",
// which loads a catalog template into its text area, previews the form but
// has no dry run (it renders TemplateEditorForm without onDryRun). Loading
// a directory goes through the File System Access API's directory picker, a
// native dialog a headless browser cannot answer, so the page's
// `showDirectoryPicker` hands back a directory of the browser's
// origin-private file system holding the template's own file from
// examples/templates. Everything after the picker is the editor's own code:
// it reads the directory, renders the form, and sends the dry run to the
// scaffolder backend.

const TEMPLATE = readFileSync(
  join(repoRoot, 'examples/templates/deploy-mcp-server/template.yaml'),
  'utf8',
);

/**
 * Every line a CodeMirror editor shows, scrolling through it: the editor only
 * draws the lines near its viewport.
 */
async function codeLines(editor: Locator): Promise<string[]> {
  return editor.locator('.cm-scroller').evaluate(async scroller => {
    const lines = new Set<string>();
    const frame = () =>
      new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (let top = 0; ; top += scroller.clientHeight / 2) {
      scroller.scrollTop = top;
      await frame();
      scroller
        .querySelectorAll('.cm-line')
        .forEach(line => lines.add(line.textContent ?? ''));
      if (top >= scroller.scrollHeight - scroller.clientHeight) break;
    }
    scroller.scrollTop = 0;
    return [...lines];
  });
}

/** Answers the directory picker with a private-file-system directory holding `files`. */
async function answerDirectoryPicker(
  page: Page,
  files: Record<string, string>,
) {
  await page.addInitScript(contents => {
    (window as any).showDirectoryPicker = async () => {
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle('deploy-mcp-server', {
        create: true,
      });
      for (const [name, text] of Object.entries(contents)) {
        const file = await dir.getFileHandle(name, { create: true });
        const writable = await (file as any).createWritable();
        await writable.write(text);
        await writable.close();
      }
      return dir;
    };
  }, files);
}

describe('the scaffolder template editor, in Chromium', () => {
  let backend: RunningBackend;
  let browser: Browser;

  beforeAll(async () => {
    backend = await startBackend({ port: 7155 });
    await backend.explained(async () => {
      await waitForEntity(
        backend.baseUrl,
        await guestTokenWithGroups(backend.baseUrl),
        SERVER,
        'template:default/deploy-mcp-server',
      );
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await backend?.stop();
  });

  it('dry-runs the deploy template for the filesystem server and shows hardened files', async () => {
    await withPage(browser, 'template-editor-dry-run', async page => {
      await answerDirectoryPicker(page, { 'template.yaml': TEMPLATE });
      await signInAsGuest(page, backend.baseUrl);

      await openCreate(page);
      await page.getByRole('tab', { name: 'Template Editor' }).click();
      await page
        .getByRole('button', { name: /^Load Template Directory/ })
        .click();

      // The editor lists the directory's files and opens the first YAML file.
      await page.getByRole('treeitem', { name: 'template.yaml' }).waitFor();
      await expectStep(page, 'The server and where it runs');
      await chooseServer(page);
      // Every other field keeps its default: every kind of file, no change
      // request, no publishing.
      await page.getByRole('button', { name: 'Next' }).click();
      await expectStep(page, 'What to render');
      await page.getByRole('button', { name: 'Next' }).click();
      await expectStep(page, 'Change request');
      await page.getByRole('button', { name: 'Next' }).click();
      await expectStep(page, 'Publishing');
      await page.getByRole('button', { name: 'Review' }).click();
      await expectStep(page, 'Review');
      const dryRun = page.waitForResponse(r =>
        r.url().endsWith('/api/scaffolder/v2/dry-run'),
      );
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      const response = await dryRun;
      expect(response.status()).toBe(200);
      const result: {
        directoryContents: { path: string; base64Content: string }[];
      } = await response.json();
      const paths = result.directoryContents.map(f => f.path);
      expectDeployFiles(paths);

      // The results panel lists every file the dry run wrote, by folder.
      const results = page
        .locator('div')
        .filter({ has: page.getByRole('tab', { name: 'Files' }) })
        .filter({ has: page.locator('.cm-editor') })
        .last();
      const item = (name: string) =>
        results.getByRole('treeitem', { name, exact: true });
      await item('deploy').click();
      const folders = [
        ...new Set(
          paths.flatMap(p =>
            p
              .split('/')
              .slice(1, -1)
              .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
          ),
        ),
      ].sort();
      for (const folder of folders) {
        await item(folder.split('/').pop()!).click();
      }
      for (const path of paths) {
        await item(path.split('/').pop()!).waitFor();
      }

      // compose.yaml, as the panel shows it, is the hardened one.
      await item('compose.yaml').click();
      const shown = await codeLines(results.locator('.cm-editor'));
      const compose = Buffer.from(
        result.directoryContents.find(f => f.path === 'deploy/compose.yaml')!
          .base64Content,
        'base64',
      ).toString('utf8');
      for (const line of compose.split('\n').filter(l => l.trim())) {
        expect(shown).toContain(line);
      }
      const text = shown.join('\n');
      expect(text).toMatch(/cap_drop:/);
      expect(text).toMatch(/read_only: true/);
      expect(text).toMatch(/no-new-privileges/);

      // Shown from its service's hardening onwards, for the screenshot.
      const line = compose.split('\n').findIndex(l => l.includes('read_only'));
      await results.locator('.cm-scroller').evaluate((scroller, at) => {
        const height = scroller
          .querySelector('.cm-line')!
          .getBoundingClientRect().height;
        scroller.scrollTo({ top: Math.max(0, (at - 8) * height), left: 0 });
      }, line);
      await page.waitForTimeout(300);
      await page.screenshot({
        path: join(SCREENSHOT_DIR, 'template-editor-dry-run.png'),
        fullPage: true,
      });
    });
  });
});

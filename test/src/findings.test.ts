import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  guestTokenWithGroups,
  repoRoot,
  RunningBackend,
  startBackend,
  waitForEntity,
} from './harness/backend';

jest.setTimeout(180_000);

const report = JSON.parse(
  readFileSync(
    join(repoRoot, 'examples/mcp-servers/fetch/scan-report.sarif.json'),
    'utf8',
  ),
);

describe('importing a scanner report into the dev portal', () => {
  let backend: RunningBackend;
  let token: string;

  const call = (method: string, path: string, body?: object) =>
    fetch(`${backend.baseUrl}/api/mcp-security${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: body ? JSON.stringify(body) : undefined,
    });

  beforeAll(async () => {
    backend = await startBackend({ port: 7175 });
    // The guest is alice, of developer-experience, which owns fetch but not postmark.
    token = await guestTokenWithGroups(backend.baseUrl);
    await waitForEntity(
      backend.baseUrl,
      token,
      'api:default/fetch',
      'api:default/postmark',
    );
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('lets the owner import the example SARIF report, which raises the risk once', async () => {
    await backend.explained(async () => {
      const before = await (
        await call('GET', '/entities/api/default/fetch/assessment')
      ).json();

      const first = await call('POST', '/entities/api/default/fetch/findings', {
        format: 'sarif',
        report,
      });
      expect(first.status).toBe(200);
      const summary = await first.json();
      expect(summary).toMatchObject({ new: 2, stillOpen: 0, resolved: 0 });
      expect(summary.risk.score).toBeGreaterThan(before.risk.score);

      const after = await (
        await call('GET', '/entities/api/default/fetch/assessment')
      ).json();
      expect(after.risk.factors).toContainEqual(
        expect.objectContaining({
          id: 'imported-findings',
          reason: expect.stringContaining(
            'Semgrep OSS python.lang.security.audit.ssrf.user-controlled-url',
          ),
        }),
      );

      const again = await call('POST', '/entities/api/default/fetch/findings', {
        format: 'sarif',
        report,
      });
      expect(await again.json()).toMatchObject({ new: 0, stillOpen: 2 });
    });
  });

  it('refuses an import for a server the user does not own', async () => {
    const response = await call(
      'POST',
      '/entities/api/default/postmark/findings',
      { format: 'sarif', report },
    );
    expect(response.status).toBe(403);
  });
});

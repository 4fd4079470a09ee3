import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { mcpServerEntity } from '../__fixtures__';
import sarif from '../__fixtures__/findings/semgrep.sarif.json';
import cisco from '../__fixtures__/findings/cisco-mcp-scanner.raw.json';
import { mcpSecurityPlugin } from '../plugin';

const BASE = '/api/mcp-security/entities/api/default';

const server = (name: string) =>
  mcpServerEntity({
    name,
    annotations: {
      'mcp-security.io/deployment-context': 'development',
      'mcp-security.io/exposure': 'local',
    },
    remotes: [{ type: 'stdio', url: 'npx -y @acme/calc-mcp@1.2.3' }],
  });

describe('importing findings through the routes', () => {
  let app: Awaited<ReturnType<typeof startTestBackend>>['server'];
  beforeAll(async () => {
    ({ server: app } = await startTestBackend({
      features: [
        mcpSecurityPlugin,
        catalogServiceMock.factory({
          entities: [
            server('calc'),
            server('calc-cisco'),
            server('calc-bad'),
            server('calc-sarif-type'),
          ],
        }),
        mockServices.permissions.factory({
          result: AuthorizeResult.ALLOW,
        }),
      ],
    }));
  });

  const assessment = async (name: string) =>
    (await request(app).get(`${BASE}/${name}/assessment`)).body;
  const importReport = (name: string, body: object) =>
    request(app).post(`${BASE}/${name}/findings`).send(body);

  it('stores the findings, raises the risk with reasons, and creates nothing on a second import', async () => {
    const before = await assessment('calc');

    const first = await importReport('calc', {
      format: 'sarif',
      report: sarif,
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      entityRef: 'api:default/calc',
      sourceTools: ['Semgrep OSS'],
      new: 2,
      stillOpen: 0,
      resolved: 0,
    });
    expect(first.body.risk.score).toBeGreaterThan(before.risk.score);

    const after = await assessment('calc');
    expect(after.risk.score).toBe(first.body.risk.score);
    // The open critical finding keeps the server at least high.
    expect(['high', 'critical']).toContain(after.risk.level);
    const factor = after.risk.factors.find(
      (f: { id: string }) => f.id === 'imported-findings',
    );
    expect(factor.reason).toContain(
      'Semgrep OSS javascript.lang.security.detect-child-process.detect-child-process at src/tools/run.ts:42 (critical)',
    );
    expect(
      after.recommendations.map((r: { controlId: string }) => r.controlId),
    ).toContain('remediate-high-findings');

    const again = await importReport('calc', {
      format: 'sarif',
      report: sarif,
    });
    expect(again.body).toMatchObject({ new: 0, stillOpen: 2, resolved: 0 });
    const listed = await request(app).get(`${BASE}/calc/findings`);
    expect(listed.body.items).toHaveLength(2);
    // Unchanged findings keep the current assessment: no new history entry.
    const history = await request(app).get(`${BASE}/calc/assessments`);
    expect(history.body.items).toHaveLength(2);
  });

  it('imports a Cisco mcp-scanner report with the tool each finding is about', async () => {
    const response = await importReport('calc-cisco', {
      format: 'cisco-mcp-scanner',
      report: cisco,
    });
    expect(response.body).toMatchObject({ new: 2, resolved: 0 });
    const listed = await request(app).get(`${BASE}/calc-cisco/findings`);
    expect(listed.body.items).toHaveLength(2);
    expect(listed.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ toolName: 'add', severity: 'high' }),
        expect.objectContaining({ toolName: 'add', severity: 'medium' }),
      ]),
    );
  });

  it('answers a malformed report with 400 naming the JSON path, and writes nothing', async () => {
    const before = await assessment('calc-bad');
    const broken = JSON.parse(JSON.stringify(sarif));
    broken.runs[0].results[1].level = 'fatal';
    const response = await importReport('calc-bad', {
      format: 'sarif',
      report: broken,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(
      'report.runs[0].results[1].level',
    );
    const listed = await request(app).get(`${BASE}/calc-bad/findings`);
    expect(listed.body.items).toEqual([]);
    expect((await assessment('calc-bad')).risk).toEqual(before.risk);
  });

  it('answers a report over 10 MB with 413, and writes nothing', async () => {
    const padding = 'x'.repeat(10 * 1024 * 1024);
    const response = await request(app)
      .post(`${BASE}/calc-bad/findings`)
      .set('Content-Type', 'application/sarif+json')
      .send(JSON.stringify({ format: 'sarif', report: sarif, padding }));
    expect(response.status).toBe(413);
    const listed = await request(app).get(`${BASE}/calc-bad/findings`);
    expect(listed.body.items).toEqual([]);
  });

  it('accepts the SARIF media type', async () => {
    const response = await request(app)
      .post(`${BASE}/calc-sarif-type/findings`)
      .set('Content-Type', 'application/sarif+json')
      .send(JSON.stringify({ format: 'sarif', report: sarif }));
    expect(response.status).toBe(200);
    expect(response.body.new).toBe(2);
  });

  it.each([
    ['a JSON array instead of an object', '[1,2,3]', /expected object/],
    ['text that is not JSON', '{"format": ', /not JSON/],
    [
      'a 4,100-deep report',
      `{"format":"sarif","report":${'{"a":'.repeat(4100)}1${'}'.repeat(4100)}}`,
      /report(\.a)+ is nested deeper than 32 levels/,
    ],
    ['no report', '{"format":"sarif"}', /report: .*expected object/],
  ])('answers %s with 400 naming the problem', async (_name, body, names) => {
    const response = await request(app)
      .post(`${BASE}/calc-bad/findings`)
      .set('Content-Type', 'application/json')
      .send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(names);
  });

  it('refuses an unknown format, naming the field', async () => {
    const response = await importReport('calc-bad', {
      format: 'pdf',
      report: sarif,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('format');
  });

  it('refuses callers without the import permission', async () => {
    const { server: denied } = await startTestBackend({
      features: [
        mcpSecurityPlugin,
        catalogServiceMock.factory({ entities: [server('calc')] }),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const response = await request(denied)
      .post(`${BASE}/calc/findings`)
      .set('Authorization', mockCredentials.user.header())
      .send({ format: 'sarif', report: sarif });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain(
      'mcp-security.findings.import',
    );
  });
});

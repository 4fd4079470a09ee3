import {
  guestTokenWithGroups,
  RunningBackend,
  startBackend,
  waitForEntity,
} from './harness/backend';
import { FAST_FACTS, latestMcpFacts } from './harness/techInsights';

jest.setTimeout(180_000);

describe('the dev portal publishes MCP Security facts to Tech Insights', () => {
  let backend: RunningBackend;
  let token: string;

  const latestFacts = (entityRef: string): Promise<any> =>
    latestMcpFacts(backend.baseUrl, token, entityRef);

  beforeAll(async () => {
    // The retriever every few seconds, so facts appear soon after the catalog
    // has the examples.
    backend = await startBackend({
      port: 7185,
      config: FAST_FACTS,
    });
    token = await guestTokenWithGroups(backend.baseUrl);
    await waitForEntity(
      backend.baseUrl,
      token,
      'api:default/filesystem',
      'api:default/postmark',
    );
    // Waiting for the retriever's runs is the slow part: once, for all tests.
    await backend.explained(() =>
      Promise.all([
        latestFacts('api:default/filesystem'),
        latestFacts('api:default/postmark'),
      ]),
    );
  });

  afterAll(() => backend?.stop());

  async function get(path: string) {
    const response = await fetch(`${backend.baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      throw new Error(`${path}: ${response.status} ${await response.text()}`);
    }
    return response.json();
  }

  it("serves the filesystem server's figures as its latest facts", async () => {
    const facts = await latestFacts('api:default/filesystem');
    const assessment = await get(
      '/api/mcp-security/entities/api/default/filesystem/assessment',
    );
    expect(facts).toMatchObject({
      riskLevel: assessment.risk.level,
      riskScore: assessment.risk.score,
      residualRiskLevel: assessment.residualRisk.level,
      trustTier: assessment.trust.tier,
      openP1Recommendations: expect.any(Number),
      overdueMaintenanceTasks: expect.any(Number),
      pendingApprovals: expect.any(Number),
      vulnerablePackages: expect.any(Number),
    });
    // It runs 0.6.3, outside both filesystem advisories in examples/advisories.
    expect(facts).toMatchObject({
      maliciousPackages: 0,
      vulnerablePackages: 0,
    });
  });

  it('counts the malicious package the postmark server runs', async () => {
    const facts = await latestFacts('api:default/postmark');
    expect(facts).toMatchObject({ riskLevel: 'critical' });
    expect(facts.maliciousPackages).toBeGreaterThan(0);
  });

  async function runChecks(entityRef: string, checks: string[]) {
    await latestFacts(entityRef);
    const [kind, rest] = entityRef.split(':');
    const [namespace, name] = rest.split('/');
    const response = await fetch(
      `${backend.baseUrl}/api/tech-insights/checks/run/${namespace}/${kind}/${name}`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ checks }),
      },
    );
    expect(response.status).toBe(200);
    const results: { check: { id: string }; result: boolean }[] =
      await response.json();
    return Object.fromEntries(results.map(r => [r.check.id, r.result]));
  }

  it("runs the portal's JSON-rules checks: postmark fails, filesystem passes", async () => {
    const checks = ['mcpServerNotCritical', 'mcpServerNoKnownBadPackages'];
    await expect(runChecks('api:default/postmark', checks)).resolves.toEqual({
      mcpServerNotCritical: false,
      mcpServerNoKnownBadPackages: false,
    });
    await expect(
      runChecks('api:default/filesystem', checks),
    ).resolves.toMatchObject({ mcpServerNoKnownBadPackages: true });
  });
});

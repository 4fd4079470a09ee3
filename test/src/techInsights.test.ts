import {
  guestTokenWithGroups,
  RunningBackend,
  startBackend,
  waitForEntity,
} from './harness/backend';

jest.setTimeout(180_000);

const FACT_IDS = 'ids[]=mcpSecurityFactRetriever';

describe('the dev portal publishes MCP Security facts to Tech Insights', () => {
  let backend: RunningBackend;
  let token: string;

  beforeAll(async () => {
    // The retriever every few seconds, so facts appear once the catalog has
    // the examples, whenever its first run comes.
    backend = await startBackend({
      port: 7185,
      config: {
        techInsights: {
          factRetrievers: {
            mcpSecurityFactRetriever: {
              cadence: '*/2 * * * * *',
              initialDelay: { seconds: 1 },
            },
          },
        },
      },
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

  /** Polls until the retriever has published facts for the entity. */
  async function latestFacts(entityRef: string) {
    const path = `/api/tech-insights/facts/latest?entity=${encodeURIComponent(
      entityRef,
    )}&${FACT_IDS}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const body = await get(path);
      if (body.mcpSecurityFactRetriever) {
        return body.mcpSecurityFactRetriever.facts;
      }
      if (Date.now() >= deadline) {
        throw new Error(`no MCP Security facts for ${entityRef}`);
      }
      await new Promise(r => setTimeout(r, 500));
    }
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

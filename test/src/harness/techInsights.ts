/** Tech Insights config for tests: the MCP Security retriever every 2 seconds. */
export const FAST_FACTS = {
  techInsights: {
    factRetrievers: {
      mcpSecurityFactRetriever: {
        cadence: '*/2 * * * * *',
        initialDelay: { seconds: 1 },
      },
    },
  },
};

/**
 * Polls until the MCP Security retriever has published facts for the entity
 * (it runs on a schedule, possibly before the catalog had the entity), and
 * answers them.
 */
export async function latestMcpFacts(
  baseUrl: string,
  token: string,
  entityRef: string,
): Promise<Record<string, unknown>> {
  const url = `${baseUrl}/api/tech-insights/facts/latest?entity=${encodeURIComponent(
    entityRef,
  )}&ids[]=mcpSecurityFactRetriever`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      throw new Error(`${url}: ${response.status} ${await response.text()}`);
    }
    const body = await response.json();
    if (body.mcpSecurityFactRetriever) {
      return body.mcpSecurityFactRetriever.facts;
    }
    if (Date.now() >= deadline) {
      throw new Error(`no MCP Security facts for ${entityRef}`);
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

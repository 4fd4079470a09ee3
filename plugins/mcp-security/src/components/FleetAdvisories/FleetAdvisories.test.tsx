import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { AdvisoriesResponse } from '@mcp-server-operator/plugin-mcp-security-common';
import { McpSecurityApi, mcpSecurityApiRef } from '../../api';
import { FleetAdvisories } from './FleetAdvisories';

const response: AdvisoriesResponse = {
  advisories: [
    {
      advisoryId: 'MAL-2025-47604',
      aliases: [],
      malicious: true,
      summary: 'Malicious code in postmark-mcp (npm)',
      url: 'https://example.com/MAL-2025-47604',
      package: { ecosystem: 'npm', name: 'postmark-mcp' },
      affectedRange: '>=1.0.16',
      servers: [
        {
          entityRef: 'api:default/postmark',
          owner: 'group:default/payments-team',
          version: '1.0.16',
          certainty: 'affected',
          riskLevel: 'critical',
        },
      ],
    },
  ],
  sources: [
    {
      source: '../../examples/advisories',
      records: 3,
      skipped: [{ file: 'bad.json', reason: 'id: Invalid string' }],
      loadedAt: '2026-12-05T07:00:00.000Z',
    },
  ],
};

async function renderWith(body: AdvisoriesResponse) {
  const listAdvisories = jest.fn().mockResolvedValue(body);
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [mcpSecurityApiRef, { listAdvisories } as Partial<McpSecurityApi>],
      ]}
    >
      <FleetAdvisories />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return listAdvisories;
}

describe('FleetAdvisories', () => {
  it('says who runs a malicious package, with owner, version and risk, and how each source fared', async () => {
    await renderWith(response);
    const table = await screen.findByRole('table', {
      name: 'Advisories matching MCP servers',
    });
    const [, row] = within(table).getAllByRole('row');
    expect(row).toHaveTextContent('Malicious package');
    expect(row).toHaveTextContent('>=1.0.16');
    const servers = within(
      within(row).getByRole('list', {
        name: 'Servers matching MAL-2025-47604',
      }),
    );
    expect(servers.getByRole('link', { name: 'postmark' })).toHaveAttribute(
      'href',
      '/catalog/default/api/postmark',
    );
    expect(
      servers.getByRole('link', { name: 'payments-team' }),
    ).toBeInTheDocument();
    expect(servers.getByText('1.0.16')).toBeInTheDocument();
    expect(
      servers.getByRole('img', { name: 'Risk level: critical' }),
    ).toBeInTheDocument();

    const sources = screen.getByRole('table', { name: 'Advisory sources' });
    expect(sources).toHaveTextContent('bad.json: id: Invalid string');
    expect(sources).toHaveTextContent('Loaded 2026-12-05T07:00:00.000Z');
  });

  it('says so when nothing matches', async () => {
    await renderWith({ advisories: [], sources: [] });
    expect(
      await screen.findByText(
        'No published advisory matches a package any MCP server runs.',
      ),
    ).toBeInTheDocument();
  });
});

import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { AdvisoriesTable } from './AdvisoriesTable';

describe('AdvisoriesTable', () => {
  it('lists each advisory with its link, kind, affected range and fixed version', async () => {
    await renderInTestApp(
      <AdvisoriesTable
        advisories={[
          {
            advisoryId: 'MAL-2025-47604',
            aliases: [],
            malicious: true,
            summary: 'Malicious code in postmark-mcp (npm)',
            package: {
              ecosystem: 'npm',
              name: 'postmark-mcp',
              version: '1.0.16',
            },
            affectedRange: '>=1.0.16',
            certainty: 'affected',
            reason:
              'postmark-mcp@1.0.16 is in the affected range >=1.0.16 of MAL-2025-47604, a malicious package',
            url: 'https://example.com/MAL-2025-47604',
          },
          {
            advisoryId: 'GHSA-hc55-p739-j48w',
            aliases: ['CVE-2025-53110'],
            malicious: false,
            severity: 'high',
            summary: 'Path validation bypass',
            package: {
              ecosystem: 'npm',
              name: '@modelcontextprotocol/server-filesystem',
            },
            affectedRange: '<=0.6.2, >=2025.1.14 <2025.7.1',
            fixedVersion: '2025.7.1',
            certainty: 'possible',
            reason: 'not pinned and may resolve to an affected version',
          },
        ]}
      />,
    );
    const rows = within(
      screen.getByRole('table', { name: 'Advisories' }),
    ).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(
      within(rows[1]).getByRole('link', { name: /MAL-2025-47604/ }),
    ).toHaveAttribute('href', 'https://example.com/MAL-2025-47604');
    expect(rows[1]).toHaveTextContent('Malicious package');
    expect(rows[1]).toHaveTextContent('postmark-mcp@1.0.16');
    expect(rows[1]).toHaveTextContent('none published');
    expect(rows[2]).toHaveTextContent('Vulnerability, high');
    expect(rows[2]).toHaveTextContent('2025.7.1');
    expect(rows[2]).toHaveTextContent('may resolve to an affected version');
  });

  it('says so when nothing matches', async () => {
    await renderInTestApp(<AdvisoriesTable />);
    expect(
      screen.getByText(
        'No published advisory matches the packages this server runs.',
      ),
    ).toBeInTheDocument();
  });
});

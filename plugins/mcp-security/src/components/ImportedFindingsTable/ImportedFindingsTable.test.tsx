import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { ImportedFindingsTable } from './ImportedFindingsTable';

describe('ImportedFindingsTable', () => {
  it('lists the findings most severe first, with source, rule and place', async () => {
    await renderInTestApp(
      <ImportedFindingsTable
        findings={[
          {
            sourceTool: 'cisco-mcp-scanner',
            ruleId: 'llm_analyzer',
            severity: 'medium',
            title: 'TOOL POISONING',
            message: 'The description hides instructions',
            toolName: 'add',
            fingerprint: 'f1',
          },
          {
            sourceTool: 'Semgrep OSS',
            sourceVersion: '1.97.0',
            ruleId: 'python.lang.security.audit.ssrf.user-controlled-url',
            severity: 'high',
            title: 'Outbound request to a URL the caller controls',
            message: 'The url argument reaches an HTTP request',
            location: 'src/mcp_server_fetch/server.py:111',
            fingerprint: 'f2',
          },
        ]}
      />,
    );
    const rows = within(
      screen.getByRole('table', { name: 'Scanner findings' }),
    ).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('high');
    expect(rows[1]).toHaveTextContent('Semgrep OSS 1.97.0');
    expect(rows[1]).toHaveTextContent('src/mcp_server_fetch/server.py:111');
    expect(rows[2]).toHaveTextContent('tool add');
    expect(rows[2]).toHaveTextContent('llm_analyzer');
  });

  it('says how to import a report when there is none', async () => {
    await renderInTestApp(<ImportedFindingsTable />);
    expect(
      screen.getByText(/No open findings from scanners or audits/),
    ).toBeInTheDocument();
  });
});

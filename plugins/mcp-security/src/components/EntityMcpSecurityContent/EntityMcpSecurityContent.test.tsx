import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { Assessment } from '@mcp-server-operator/plugin-mcp-security-common';
import { McpSecurityApi, mcpSecurityApiRef } from '../../api';
import { EntityMcpSecurityContent } from './EntityMcpSecurityContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'filesystem', namespace: 'default' },
  spec: { type: 'mcp-server', lifecycle: 'production', owner: 'team-a' },
};

const assessment = {
  entityRef: 'api:default/filesystem',
  trust: {
    tier: 'community',
    score: 55,
    signals: [
      {
        id: 'source-repository',
        points: 15,
        reason: 'Source repository is public',
      },
      { id: 'unpinned', points: -10, reason: 'Package version is not pinned' },
    ],
  },
  risk: {
    level: 'high',
    score: 68,
    factors: [
      {
        id: 'exposure',
        dimension: 'likelihood',
        points: 12,
        reason: 'Reachable from the internet',
      },
      {
        id: 'capabilities',
        dimension: 'impact',
        points: 30,
        reason: 'Writes to the file system',
      },
    ],
  },
  findings: [
    {
      id: 'bad-annotation',
      source: 'annotation',
      severity: 'low',
      field: 'mcp-security.io/exposure',
      message: 'Unknown exposure "public"',
    },
    {
      id: 'server-json-unreadable',
      source: 'server-json',
      severity: 'high',
      field: 'mcp-security.io/server-json',
      target: 'https://example.com/server.json',
      message: 'server.json could not be read: 404',
    },
  ],
  profile: {} as Assessment['profile'],
  profileHash: 'abc123',
  knowledgeVersion: 'kb-2026.11.1',
  engineVersion: '0.1.0',
  assessedAt: '2026-11-20T10:00:00.000Z',
} satisfies Assessment;

async function renderContent(api: McpSecurityApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[mcpSecurityApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityMcpSecurityContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityMcpSecurityContent', () => {
  it('shows trust, risk and findings of the entity', async () => {
    const getAssessment = jest.fn().mockResolvedValue(assessment);
    await renderContent({ getAssessment });

    expect(
      await screen.findByRole('img', {
        name: 'Trust tier: community, score 55 of 100',
      }),
    ).toBeInTheDocument();
    expect(getAssessment).toHaveBeenCalledWith('api:default/filesystem');
    expect(
      screen.getByRole('img', { name: 'Risk level: high' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Score 68/100')).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Findings' }),
    ).toBeInTheDocument();

    const signals = within(screen.getByRole('list', { name: 'Trust signals' }));
    expect(signals.getByText('+15')).toBeInTheDocument();
    expect(signals.getByText('-10')).toBeInTheDocument();
    expect(
      signals.getByText('Package version is not pinned'),
    ).toBeInTheDocument();

    const factorRows = within(
      screen.getByRole('table', { name: 'Risk factors' }),
    ).getAllByRole('row');
    expect(factorRows.map(row => row.textContent)).toEqual([
      'DimensionPointsReason',
      'Impact30Writes to the file system',
      'Likelihood12Reachable from the internet',
    ]);

    const findingRows = within(
      screen.getByRole('table', { name: 'Findings' }),
    ).getAllByRole('row');
    expect(findingRows.map(row => row.textContent)).toEqual([
      'SeverityFieldTargetMessage',
      'highmcp-security.io/server-jsonhttps://example.com/server.jsonserver.json could not be read: 404',
      'lowmcp-security.io/exposureUnknown exposure "public"',
    ]);

    expect(screen.getByText(/knowledge base kb-2026\.11\.1/)).toHaveTextContent(
      'engine 0.1.0',
    );
    expect(
      document.querySelector('time[datetime="2026-11-20T10:00:00.000Z"]'),
    ).toBeInTheDocument();
  });

  it('says so when there are no findings', async () => {
    await renderContent({
      getAssessment: jest
        .fn()
        .mockResolvedValue({ ...assessment, findings: [] }),
    });

    expect(await screen.findByText(/^No findings/)).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Findings' }),
    ).not.toBeInTheDocument();
  });

  it('shows an error panel when the assessment cannot be loaded', async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'Not an MCP server' },
        response: { statusCode: 404 },
      }),
      {
        status: 404,
        statusText: 'Not Found',
        headers: { 'Content-Type': 'application/json' },
      },
    );
    const error = await ResponseError.fromResponse(response);
    await renderContent({ getAssessment: jest.fn().mockRejectedValue(error) });

    const panel = await screen.findByRole('alert');
    expect(panel).toHaveTextContent('Request failed with 404 Not Found');
    expect(panel).toHaveTextContent('Not an MCP server');
    expect(
      screen.queryByRole('heading', { name: 'Trust' }),
    ).not.toBeInTheDocument();
  });
});

import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { assessmentView } from '../../__testUtils__/assessments';
import { responseError } from '../../__testUtils__/scorecards';
import { changeOf } from '../../__testUtils__/changes';
import { maintenanceTasks } from '../../__testUtils__/maintenance';
import { McpSecurityApi, mcpSecurityApiRef } from '../../api';
import { EntityMcpSecurityCard } from './EntityMcpSecurityCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'filesystem', namespace: 'default' },
  spec: { type: 'mcp-server', lifecycle: 'production', owner: 'team-a' },
};

function mcpSecurityApi(
  overrides: Partial<McpSecurityApi> = {},
): jest.Mocked<McpSecurityApi> {
  return {
    getAssessment: jest.fn().mockResolvedValue(assessmentView),
    getMaintenance: jest.fn().mockResolvedValue({ items: maintenanceTasks }),
    listServerChanges: jest.fn().mockResolvedValue({
      items: [
        changeOf(),
        changeOf({ id: 'change-2', state: 'verified' }),
        changeOf({ id: 'change-3', state: 'draft' }),
      ],
    }),
    ...overrides,
  } as unknown as jest.Mocked<McpSecurityApi>;
}

async function renderCard(api: McpSecurityApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[mcpSecurityApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityMcpSecurityCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** The value the card gives for a term, as text. */
function fact(term: string): string | null | undefined {
  return screen.getByText(term, { selector: 'dt' }).nextElementSibling
    ?.textContent;
}

describe('EntityMcpSecurityCard', () => {
  it('summarises the server and links to its MCP Security tab', async () => {
    const api = mcpSecurityApi();
    await renderCard(api);

    expect(
      await screen.findByRole('img', { name: 'Risk level: high' }),
    ).toBeInTheDocument();
    expect(api.getAssessment).toHaveBeenCalledWith('api:default/filesystem');
    expect(api.getMaintenance).toHaveBeenCalledWith('api:default/filesystem');
    expect(api.listServerChanges).toHaveBeenCalledWith(
      'api:default/filesystem',
    );
    expect(fact('Risk')).toBe('HighScore 68/100');
    expect(
      screen.getByRole('img', {
        name: 'Trust tier: community, score 55 of 100',
      }),
    ).toBeInTheDocument();
    // One P1 is open; the other is implemented.
    expect(fact('Open P1 recommendations')).toBe('1');
    expect(fact('Overdue maintenance')).toBe('2');
    // Only the submitted change waits; drafts and verified ones do not.
    expect(fact('Changes waiting for approval')).toBe('1');
    // The residual risk equals the risk here, so it adds nothing to read.
    expect(screen.queryByText('Residual risk')).not.toBeInTheDocument();
    expect(
      screen.queryByText('Emergency changes waiting for review'),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open the MCP Security tab/ }),
    ).toHaveAttribute('href', '/catalog/default/api/filesystem/mcp-security');
  });

  it('shows the residual risk when implemented recommendations lowered it, and emergencies awaiting review', async () => {
    await renderCard(
      mcpSecurityApi({
        getAssessment: jest.fn().mockResolvedValue({
          ...assessmentView,
          residualRisk: { level: 'medium', score: 45, reductions: [] },
        }),
        listServerChanges: jest.fn().mockResolvedValue({
          items: [
            changeOf({
              state: 'implemented',
              emergency: true,
              reviewDueAt: '2026-11-22T10:00:00.000Z',
            }),
          ],
        }),
      }),
    );

    expect(
      await screen.findByRole('group', {
        name: 'Residual risk: medium, score 45',
      }),
    ).toBeInTheDocument();
    expect(fact('Changes waiting for approval')).toBe('0');
    expect(fact('Emergency changes waiting for review')).toBe('1');
  });

  it('counts accepted P1 recommendations as open, as the scorecards do', async () => {
    await renderCard(
      mcpSecurityApi({
        getAssessment: jest.fn().mockResolvedValue({
          ...assessmentView,
          recommendations: assessmentView.recommendations.map(r =>
            r.status === 'implemented' ? { ...r, status: 'accepted' } : r,
          ),
        }),
      }),
    );

    expect(
      await screen.findByRole('img', { name: 'Risk level: high' }),
    ).toBeInTheDocument();
    expect(fact('Open P1 recommendations')).toBe('2');
  });

  it('still shows the server when its maintenance or changes cannot be read', async () => {
    await renderCard(
      mcpSecurityApi({
        getMaintenance: jest.fn().mockRejectedValue(new Error('backend down')),
        listServerChanges: jest
          .fn()
          .mockRejectedValue(
            await responseError(403, 'NotAllowedError', 'Unauthorized'),
          ),
      }),
    );

    expect(
      await screen.findByRole('img', { name: 'Risk level: high' }),
    ).toBeInTheDocument();
    expect(fact('Open P1 recommendations')).toBe('1');
    expect(fact('Overdue maintenance')).toBe('Unavailable: backend down');
    expect(fact('Changes waiting for approval')).toBe('Not permitted');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows nothing at all when the user may not read the server, like the group card', async () => {
    const getAssessment = jest
      .fn()
      .mockRejectedValue(
        await responseError(403, 'NotAllowedError', 'Unauthorized'),
      );
    const { container } = await renderCard(mcpSecurityApi({ getAssessment }));

    await waitFor(() => expect(getAssessment).toHaveBeenCalled());
    await waitFor(() =>
      expect(
        screen.queryByRole('heading', { name: 'MCP Security' }),
      ).not.toBeInTheDocument(),
    );
    expect(container).toBeEmptyDOMElement();
  });

  it('shows why the server could not be read', async () => {
    await renderCard(
      mcpSecurityApi({
        getAssessment: jest.fn().mockRejectedValue(new Error('backend down')),
      }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent('backend down');
  });
});

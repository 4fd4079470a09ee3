import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  assessmentHistory,
  assessmentView,
  knowledgeModel,
} from '../../__testUtils__/assessments';
import {
  approvalPolicy,
  changeOf,
  changeTypes,
} from '../../__testUtils__/changes';
import {
  maintenanceCompletions,
  maintenanceTasks,
} from '../../__testUtils__/maintenance';
import { McpSecurityApi, mcpSecurityApiRef } from '../../api';
import { EntityMcpSecurityContent } from './EntityMcpSecurityContent';
import { fillIn, findItemSummary } from '../../__testUtils__/userInput';

// jsdom lays nothing out and has no ResizeObserver, so ResponsiveContainer
// would never learn a size and would draw nothing: give the chart a fixed one.
jest.mock('recharts', () => {
  const recharts = jest.requireActual('recharts');
  const { cloneElement } = jest.requireActual('react');
  return {
    ...recharts,
    ResponsiveContainer: (props: { children: JSX.Element }) =>
      cloneElement(props.children, { width: 800, height: 300 }),
  };
});

// usePermission caches each answer per permission and resource for the
// whole test file, so every test renders an entity of its own.
let entityCount = 0;
function nextEntity(): { entity: Entity; entityRef: string } {
  entityCount += 1;
  const name = `filesystem-${entityCount}`;
  return {
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name, namespace: 'default' },
      spec: { type: 'mcp-server', lifecycle: 'production', owner: 'team-a' },
    },
    entityRef: `api:default/${name}`,
  };
}

function mcpSecurityApi(
  overrides: Partial<McpSecurityApi> = {},
): jest.Mocked<McpSecurityApi> {
  return {
    getAssessment: jest.fn().mockResolvedValue(assessmentView),
    getAssessmentHistory: jest
      .fn()
      .mockResolvedValue({ items: assessmentHistory }),
    refreshAssessment: jest.fn(),
    decideRecommendation: jest.fn(),
    listControls: jest.fn(),
    getKnowledgeModel: jest.fn().mockResolvedValue(knowledgeModel),
    getMaintenance: jest.fn().mockResolvedValue({ items: maintenanceTasks }),
    completeMaintenanceTask: jest.fn(),
    getMaintenanceCompletions: jest
      .fn()
      .mockResolvedValue({ items: maintenanceCompletions }),
    downloadMaintenanceCalendar: jest.fn(),
    listServerChanges: jest.fn().mockResolvedValue({ items: [changeOf()] }),
    createChange: jest.fn(),
    listChanges: jest.fn(),
    getChange: jest.fn(),
    transitionChange: jest.fn(),
    getChangeTypes: jest
      .fn()
      .mockResolvedValue({ items: changeTypes, policy: approvalPolicy }),
    ...overrides,
  } as jest.Mocked<McpSecurityApi>;
}

/** Answers every permission request with `result`, and remembers the requests. */
function permissionApi(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const requests: EvaluatePermissionRequest[] = [];
  const api = mockApis.permission({
    authorize: request => {
      requests.push(request);
      return result;
    },
  });
  return { api, requests };
}

async function renderContent(
  api: McpSecurityApi,
  permission = permissionApi(AuthorizeResult.DENY).api,
  routeEntries?: string[],
) {
  const { entity, entityRef } = nextEntity();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [mcpSecurityApiRef, api],
        [permissionApiRef, permission],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityMcpSecurityContent />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      routeEntries,
    },
  );
  return entityRef;
}

async function openSection(name: string) {
  await userEvent.click(await screen.findByRole('tab', { name }));
  return within(screen.getByRole('tabpanel', { name }));
}

describe('EntityMcpSecurityContent', () => {
  it('opens on the overview of the latest assessment', async () => {
    const api = mcpSecurityApi();
    const entityRef = await renderContent(api);

    expect(
      await screen.findByRole('tab', { name: 'Overview', selected: true }),
    ).toBeInTheDocument();
    const overview = within(screen.getByRole('tabpanel', { name: 'Overview' }));
    expect(
      overview.getByRole('img', {
        name: 'Trust tier: community, score 55 of 100',
      }),
    ).toBeInTheDocument();
    expect(
      overview.getByRole('heading', { name: 'Findings' }),
    ).toBeInTheDocument();
    expect(api.getAssessment).toHaveBeenCalledWith(entityRef);
  });

  it('explains the assessment with the model it reads once from the backend', async () => {
    const api = mcpSecurityApi();
    await renderContent(api);

    const overview = within(
      await screen.findByRole('tabpanel', { name: 'Overview' }),
    );
    expect(overview.getByText('Third party')).toBeInTheDocument();
    expect(overview.getByText('L3 Customer facing')).toBeInTheDocument();

    const history = await openSection('History');
    const chart = await history.findByRole('img', {
      name: /^Risk score over time/,
    });
    expect(
      [
        ...chart.querySelectorAll(
          '.recharts-yAxis .recharts-cartesian-axis-tick-value',
        ),
      ].map(tick => tick.textContent),
    ).toEqual(['0', '35', '55', '75', '100']);

    await openSection('Overview');
    expect(api.getKnowledgeModel).toHaveBeenCalledTimes(1);
  });

  it('shows an error panel when the model cannot be loaded', async () => {
    await renderContent(
      mcpSecurityApi({
        getKnowledgeModel: jest
          .fn()
          .mockRejectedValue(new Error('Knowledge base not loaded')),
      }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Knowledge base not loaded',
    );
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });

  it('asks for each permission on this entity', async () => {
    const { api: permission, requests } = permissionApi(AuthorizeResult.DENY);
    const entityRef = await renderContent(mcpSecurityApi(), permission);

    await waitFor(() =>
      expect(requests.map(r => [r.permission.name, r.resourceRef])).toEqual(
        expect.arrayContaining([
          ['mcp-security.assessment.refresh', entityRef],
          ['mcp-security.recommendation.update', entityRef],
          ['mcp-security.maintenance.complete', entityRef],
          ['mcp-security.change.create', entityRef],
          ['mcp-security.change.approve', entityRef],
          ['mcp-security.change.implement', entityRef],
        ]),
      ),
    );
  });

  it('hides the Refresh button from users who may not refresh', async () => {
    await renderContent(mcpSecurityApi());

    await screen.findByRole('tabpanel', { name: 'Overview' });
    expect(
      screen.queryByRole('button', { name: 'Refresh' }),
    ).not.toBeInTheDocument();
  });

  it('refreshes the assessment and shows the new one', async () => {
    const api = mcpSecurityApi({
      refreshAssessment: jest.fn().mockResolvedValue({
        ...assessmentView,
        risk: { ...assessmentView.risk, level: 'medium', score: 45 },
        residualRisk: { level: 'medium', score: 45, reductions: [] },
      }),
    });
    const entityRef = await renderContent(
      api,
      permissionApi(AuthorizeResult.ALLOW).api,
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Refresh' }),
    );

    expect(await screen.findByText('Score 45/100')).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Risk level: medium' }),
    ).toBeInTheDocument();
    expect(api.refreshAssessment).toHaveBeenCalledWith(entityRef);
  });

  it('hides the decisions from users who may not decide', async () => {
    await renderContent(mcpSecurityApi());

    const recommendations = await openSection('Recommendations');
    await userEvent.click(
      recommendations.getByRole('button', {
        name: /Allow outbound traffic to listed hosts only/,
      }),
    );

    const details = within(
      await screen.findByRole('region', {
        name: /Allow outbound traffic to listed hosts only/,
      }),
    );
    expect(details.queryByRole('button')).not.toBeInTheDocument();
  });

  it('dismisses a recommendation with a reason and shows the result', async () => {
    const api = mcpSecurityApi({
      decideRecommendation: jest.fn().mockResolvedValue({
        ...assessmentView,
        recommendations: assessmentView.recommendations.map(r =>
          r.controlId === 'egress-allowlist'
            ? { ...r, status: 'dismissed' }
            : r,
        ),
      }),
    });
    const entityRef = await renderContent(
      api,
      permissionApi(AuthorizeResult.ALLOW).api,
    );

    const recommendations = await openSection('Recommendations');
    await userEvent.click(
      recommendations.getByRole('button', {
        name: /Allow outbound traffic to listed hosts only/,
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Dismiss…' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByRole('button', { name: 'Dismiss' })).toBeDisabled();
    await fillIn(
      dialog.getByRole('textbox', { name: /Reason/ }),
      'Egress is filtered by the cluster',
    );
    await userEvent.click(dialog.getByRole('button', { name: 'Dismiss' }));

    expect(api.decideRecommendation).toHaveBeenCalledWith(
      entityRef,
      'egress-allowlist',
      {
        status: 'dismissed',
        note: 'Egress is filtered by the cluster',
        version: 0,
      },
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(
      within(screen.getByRole('list', { name: 'Recommendations by status' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toContain('2 dismissed');
  });

  it('shows the history when its tab is opened', async () => {
    const api = mcpSecurityApi();
    const entityRef = await renderContent(api);

    const history = await openSection('History');

    expect(
      await history.findByRole('table', { name: 'Assessment history' }),
    ).toBeInTheDocument();
    expect(api.getAssessmentHistory).toHaveBeenCalledWith(entityRef, {
      limit: 100,
    });
  });

  it('shows the maintenance schedule when its tab is opened', async () => {
    const api = mcpSecurityApi();
    const entityRef = await renderContent(api);

    const maintenance = await openSection('Maintenance');

    expect(
      await maintenance.findByRole('heading', { name: 'Overdue' }),
    ).toBeInTheDocument();
    expect(api.getMaintenance).toHaveBeenCalledWith(entityRef);
  });

  it('hides the Complete action from users who may not complete tasks', async () => {
    await renderContent(mcpSecurityApi());

    await openSection('Maintenance');
    await userEvent.click(
      await findItemSummary(
        screen.getByRole('tabpanel', { name: 'Maintenance' }),
        'Review which agents can call the server',
      ),
    );

    const details = within(
      await screen.findByRole('region', {
        name: /Review which agents can call the server/,
      }),
    );
    expect(
      details.queryByRole('button', { name: 'Complete…' }),
    ).not.toBeInTheDocument();
  });

  it('offers the Complete action to users who may complete tasks', async () => {
    const api = mcpSecurityApi({
      completeMaintenanceTask: jest.fn().mockResolvedValue({
        ...maintenanceTasks[0],
        status: 'upcoming',
      }),
    });
    const entityRef = await renderContent(
      api,
      permissionApi(AuthorizeResult.ALLOW).api,
    );

    await openSection('Maintenance');
    await userEvent.click(
      await findItemSummary(
        screen.getByRole('tabpanel', { name: 'Maintenance' }),
        'Review which agents can call the server',
      ),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Complete…' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    await fillIn(
      dialog.getByRole('textbox', { name: /Evidence/ }),
      'Revoked 2 unused tokens',
    );
    await userEvent.click(dialog.getByRole('button', { name: 'Complete' }));

    expect(api.completeMaintenanceTask).toHaveBeenCalledWith(
      entityRef,
      'review-agent-access',
      { outcome: 'done', evidence: 'Revoked 2 unused tokens' },
    );
  });

  it('shows the server’s change requests when their tab is opened', async () => {
    const api = mcpSecurityApi();
    const entityRef = await renderContent(api);

    const changes = await openSection('Changes');

    expect(
      await findItemSummary(
        screen.getByRole('tabpanel', { name: 'Changes' }),
        'Bump the filesystem server',
      ),
    ).toHaveTextContent('0 of 2 approvals');
    expect(api.listServerChanges).toHaveBeenCalledWith(entityRef);
    expect(
      changes.queryByRole('button', { name: 'Request change' }),
    ).not.toBeInTheDocument();
  });

  it('rates a requested change by the server’s assessed risk', async () => {
    const api = mcpSecurityApi({
      getAssessment: jest.fn().mockResolvedValue({
        ...assessmentView,
        risk: { ...assessmentView.risk, level: 'low', score: 10 },
      }),
    });
    await renderContent(api, permissionApi(AuthorizeResult.ALLOW).api);

    const changes = await openSection('Changes');
    await userEvent.click(
      await changes.findByRole('button', { name: 'Request change' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    await userEvent.selectOptions(
      dialog.getByRole('combobox', { name: /Change type/ }),
      'dependency-update',
    );

    expect(
      dialog.getByRole('img', { name: 'Risk level: low' }),
    ).toBeInTheDocument();
  });

  it('opens the Changes section on the change a link points at', async () => {
    await renderContent(
      mcpSecurityApi(),
      permissionApi(AuthorizeResult.DENY).api,
      ['/?change=change-1'],
    );

    expect(
      await screen.findByRole('tab', { name: 'Changes', selected: true }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('region', { name: /Bump the filesystem server/ }),
    ).toBeInTheDocument();
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
    await renderContent(
      mcpSecurityApi({ getAssessment: jest.fn().mockRejectedValue(error) }),
    );

    const panel = await screen.findByRole('alert');
    expect(panel).toHaveTextContent('Request failed with 404 Not Found');
    expect(panel).toHaveTextContent('Not an MCP server');
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });
});

import { entityOf } from './__testUtils__/entities';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { assessmentView, knowledgeModel } from './__testUtils__/assessments';
import { approvalPolicy, changeOf, changeTypes } from './__testUtils__/changes';
import { teamScorecardList } from './__testUtils__/scorecards';
import { mcpSecurityApiRef } from './api';
import mcpSecurityPlugin from './alpha';

const entityContent = mcpSecurityPlugin.getExtension(
  'entity-content:mcp-security/mcp-security',
);
const page = mcpSecurityPlugin.getExtension('page:mcp-security');
const approvals = mcpSecurityPlugin.getExtension(
  'sub-page:mcp-security/approvals',
);
const scorecards = mcpSecurityPlugin.getExtension(
  'sub-page:mcp-security/scorecards',
);
const summaryCard = mcpSecurityPlugin.getExtension(
  'entity-card:mcp-security/summary',
);
const groupCard = mcpSecurityPlugin.getExtension(
  'entity-card:mcp-security/group-scorecard',
);

describe('mcp-security frontend plugin', () => {
  it('shows the tab on MCP servers only', () => {
    const filter = createExtensionTester(entityContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    );

    expect(filter?.(entityOf('API', 'mcp-server'))).toBe(true);
    expect(filter?.(entityOf('Component', 'mcp-server'))).toBe(true);
    expect(filter?.(entityOf('API', 'openapi'))).toBe(false);
    expect(filter?.(entityOf('Resource', 'mcp-server'))).toBe(false);
  });

  it('lets app-config replace the filter', () => {
    const filter = createExtensionTester(entityContent, {
      config: { filter: { kind: 'API', 'spec.type': 'mcp-server' } },
    }).get(EntityContentBlueprint.dataRefs.filterFunction);

    expect(filter?.(entityOf('API', 'mcp-server'))).toBe(true);
    expect(filter?.(entityOf('Component', 'mcp-server'))).toBe(false);
  });

  it('renders the tab content on the entity page', async () => {
    const getAssessment = jest.fn().mockResolvedValue(assessmentView);
    const getKnowledgeModel = jest.fn().mockResolvedValue(knowledgeModel);

    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: entityOf('API', 'mcp-server') }),
        entityContent,
      ],
      apis: [[mcpSecurityApiRef, { getAssessment, getKnowledgeModel }]],
    });

    expect(
      await screen.findByRole('tab', { name: 'Overview', selected: true }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Risk level: high' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Recommendations' })).toBeEnabled();
    expect(screen.getByRole('tab', { name: 'History' })).toBeEnabled();
  });

  it('renders the error of the tab content on the entity page', async () => {
    const getAssessment = jest
      .fn()
      .mockRejectedValue(new Error('backend unavailable'));
    const getKnowledgeModel = jest.fn().mockResolvedValue(knowledgeModel);

    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: entityOf('API', 'mcp-server') }),
        entityContent,
      ],
      apis: [[mcpSecurityApiRef, { getAssessment, getKnowledgeModel }]],
    });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'backend unavailable',
    );
    expect(getAssessment).toHaveBeenCalledWith('api:default/filesystem');
  });

  it('shows the summary card beside the About card of MCP servers only', () => {
    const tester = createExtensionTester(summaryCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);

    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('info');
    expect(filter?.(entityOf('API', 'mcp-server'))).toBe(true);
    expect(filter?.(entityOf('Component', 'mcp-server'))).toBe(true);
    expect(filter?.(entityOf('API', 'openapi'))).toBe(false);
  });

  it('shows the scorecard card on groups only', () => {
    const filter = createExtensionTester(groupCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );

    expect(filter?.(entityOf('Group', 'team'))).toBe(true);
    expect(filter?.(entityOf('API', 'mcp-server'))).toBe(false);
    expect(filter?.(entityOf('User', 'person'))).toBe(false);
  });

  it('mounts the MCP Security page at /mcp-security, titled MCP Security', () => {
    const tester = createExtensionTester(page);

    expect(tester.get(coreExtensionData.routePath)).toBe('/mcp-security');
    expect(tester.get(coreExtensionData.title)).toBe('MCP Security');
  });

  it('opens the MCP Security page on the scorecards, the approvals inbox in the next tab', async () => {
    const getScorecards = jest.fn().mockResolvedValue(teamScorecardList);
    const listChanges = jest.fn().mockResolvedValue({ items: [changeOf()] });
    const getChangeTypes = jest
      .fn()
      .mockResolvedValue({ items: changeTypes, policy: approvalPolicy });

    renderTestApp({
      extensions: [page, scorecards, approvals],
      initialRouteEntries: ['/mcp-security'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        [mcpSecurityApiRef, { getScorecards, listChanges, getChangeTypes }],
      ],
    });

    expect(
      await screen.findByRole('table', { name: 'Scorecards per team' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('tab').map(tab => tab.textContent)).toEqual([
      'Scorecards',
      'Approvals',
    ]);
    expect(getScorecards).toHaveBeenCalledWith({ groupBy: 'owner' });

    await userEvent.click(screen.getByRole('tab', { name: 'Approvals' }));

    const inbox = await screen.findByRole('list', {
      name: 'Changes waiting for your vote',
    });
    expect(
      within(inbox).getByRole('link', { name: 'filesystem' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/api/filesystem/mcp-security?change=change-1',
    );
    expect(listChanges).toHaveBeenCalledWith({ awaiting: 'me' });
  });
});

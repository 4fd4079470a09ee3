import { entityOf } from './__testUtils__/entities';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { assessmentView, knowledgeModel } from './__testUtils__/assessments';
import { mcpSecurityApiRef } from './api';
import mcpSecurityPlugin from './alpha';

const entityContent = mcpSecurityPlugin.getExtension(
  'entity-content:mcp-security/mcp-security',
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
});

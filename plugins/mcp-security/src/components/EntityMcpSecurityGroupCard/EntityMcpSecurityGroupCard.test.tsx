import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import {
  developerExperienceServers,
  responseError,
  teamScorecards,
} from '../../__testUtils__/scorecards';
import { McpSecurityApi, mcpSecurityApiRef } from '../../api';
import { EntityMcpSecurityGroupCard } from './EntityMcpSecurityGroupCard';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'developer-experience', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

async function renderCard(getScorecard: McpSecurityApi['getScorecard']) {
  return renderInTestApp(
    <TestApiProvider apis={[[mcpSecurityApiRef, { getScorecard }]]}>
      <EntityProvider entity={group}>
        <EntityMcpSecurityGroupCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

/** The value the card gives for a term, as text. */
function fact(term: string): string | null | undefined {
  return screen.getByText(term, { selector: 'dt' }).nextElementSibling
    ?.textContent;
}

describe('EntityMcpSecurityGroupCard', () => {
  it('shows the scorecard of the MCP servers the group owns', async () => {
    const getScorecard = jest.fn().mockResolvedValue({
      scorecard: teamScorecards[1],
      servers: developerExperienceServers,
    });
    await renderCard(getScorecard);

    expect(
      await screen.findByRole('img', { name: 'Level: Bronze' }),
    ).toBeInTheDocument();
    expect(getScorecard).toHaveBeenCalledWith(
      'group:default/developer-experience',
      { groupBy: 'owner' },
    );
    expect(
      screen.getByRole('heading', { name: 'MCP Security scorecard' }),
    ).toBeInTheDocument();
    expect(fact('For Silver')).toBe(
      'at most 0 critical-risk servers (now 1)at most 5 open P1 recommendations (now 6)',
    );
    expect(fact('MCP servers')).toBe('4');
    expect(
      screen.getByRole('img', {
        name: 'Servers by risk: 1 critical, 1 high, 1 medium, 1 low',
      }),
    ).toBeInTheDocument();
    expect(fact('Open P1 recommendations')).toBe('6');
    expect(fact('Overdue maintenance')).toBe('2');
  });

  it('has no next level to show at the top', async () => {
    await renderCard(
      jest
        .fn()
        .mockResolvedValue({ scorecard: teamScorecards[3], servers: [] }),
    );

    expect(
      await screen.findByRole('img', { name: 'Level: Gold' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^For /)).not.toBeInTheDocument();
  });

  it('says so when the group owns no MCP servers', async () => {
    const notFound = await responseError(
      404,
      'NotFoundError',
      'No MCP servers are grouped under owner group:default/developer-experience',
    );
    await renderCard(jest.fn().mockRejectedValue(notFound));

    expect(
      await screen.findByText(
        'This group owns no MCP servers, so there is nothing to score yet.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows nothing at all when the user may not read the scorecards', async () => {
    const denied = await responseError(403, 'NotAllowedError', 'Unauthorized');
    const getScorecard = jest.fn().mockRejectedValue(denied);
    const { container } = await renderCard(getScorecard);

    await waitFor(() => expect(getScorecard).toHaveBeenCalled());
    await waitFor(() =>
      expect(
        screen.queryByRole('heading', { name: 'MCP Security scorecard' }),
      ).not.toBeInTheDocument(),
    );
    expect(container).toBeEmptyDOMElement();
  });

  it('shows other errors', async () => {
    await renderCard(jest.fn().mockRejectedValue(new Error('backend down')));

    expect(await screen.findByRole('alert')).toHaveTextContent('backend down');
  });
});

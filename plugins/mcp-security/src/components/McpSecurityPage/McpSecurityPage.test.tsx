import { identityApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  approvalPolicy,
  changeOf,
  changeTypes,
} from '../../__testUtils__/changes';
import { teamScorecardList } from '../../__testUtils__/scorecards';
import { mcpSecurityApiRef } from '../../api';
import { McpSecurityPage } from './McpSecurityPage';

describe('McpSecurityPage', () => {
  it('opens on the Scorecards tab, with the approvals inbox one tab away', async () => {
    const api = {
      getScorecards: jest.fn().mockResolvedValue(teamScorecardList),
      listChanges: jest.fn().mockResolvedValue({ items: [changeOf()] }),
      getChangeTypes: jest
        .fn()
        .mockResolvedValue({ items: changeTypes, policy: approvalPolicy }),
    };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [mcpSecurityApiRef, api],
          [
            identityApiRef,
            mockApis.identity({ userEntityRef: 'user:default/sam' }),
          ],
        ]}
      >
        <McpSecurityPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

    expect(
      screen.getByRole('heading', { name: 'MCP Security' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'Scorecards', selected: true }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Scorecards per team' }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Approvals' }));

    expect(
      await screen.findByRole('listitem', {
        name: 'Bump the filesystem server to 0.6.4',
      }),
    ).toBeInTheDocument();
  });
});

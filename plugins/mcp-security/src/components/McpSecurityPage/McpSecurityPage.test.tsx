import { identityApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  approvalPolicy,
  changeOf,
  changeTypes,
} from '../../__testUtils__/changes';
import { mcpSecurityApiRef } from '../../api';
import { McpSecurityPage } from './McpSecurityPage';

describe('McpSecurityPage', () => {
  it('opens on the Approvals tab with the approvals inbox', async () => {
    const api = {
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
      screen.getByRole('tab', { name: 'Approvals', selected: true }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('listitem', {
        name: 'Bump the filesystem server to 0.6.4',
      }),
    ).toBeInTheDocument();
  });
});

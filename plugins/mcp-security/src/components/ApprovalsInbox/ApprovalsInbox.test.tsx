import { identityApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  approvalPolicy,
  approvedOnceBySam,
  changeOf,
  changeTypes,
} from '../../__testUtils__/changes';
import { McpSecurityApi, mcpSecurityApiRef } from '../../api';
import { ApprovalsInbox } from './ApprovalsInbox';
import { fillIn } from '../../__testUtils__/userInput';

function mcpSecurityApi(
  overrides: Partial<McpSecurityApi> = {},
): jest.Mocked<McpSecurityApi> {
  return {
    listChanges: jest.fn().mockResolvedValue({
      items: [
        changeOf(),
        changeOf({
          id: 'change-2',
          entityRef: 'api:default/stripe',
          changeType: 'permission-change',
          title: 'Allow refunds',
          requestedBy: 'user:default/diego',
          riskLevel: 'critical',
        }),
      ],
    }),
    getChangeTypes: jest
      .fn()
      .mockResolvedValue({ items: changeTypes, policy: approvalPolicy }),
    transitionChange: jest.fn(),
    getChange: jest.fn(),
    ...overrides,
  } as unknown as jest.Mocked<McpSecurityApi>;
}

async function renderInbox(api: McpSecurityApi) {
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
      <ApprovalsInbox />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

async function item(title: string) {
  return within(await screen.findByRole('listitem', { name: title }));
}

describe('ApprovalsInbox', () => {
  it('lists the changes waiting for the user’s vote', async () => {
    const api = mcpSecurityApi();
    await renderInbox(api);

    expect(api.listChanges).toHaveBeenCalledWith({ awaiting: 'me' });
    const list = await screen.findByRole('list', {
      name: 'Changes waiting for your vote',
    });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(li => li.getAttribute('aria-label')),
    ).toEqual(['Bump the filesystem server to 0.6.4', 'Allow refunds']);
    const stripe = await item('Allow refunds');
    expect(stripe.getByText('Permission change')).toBeInTheDocument();
    expect(
      stripe.getByRole('img', { name: 'Risk level: critical' }),
    ).toBeInTheDocument();
    expect(stripe.getByText(/requested by/).textContent).toMatch(
      /^On stripe, requested by diego and submitted .+\.$/,
    );
  });

  it('links each change to its server’s MCP Security tab, where it opens', async () => {
    await renderInbox(mcpSecurityApi());

    const filesystem = await item('Bump the filesystem server to 0.6.4');
    expect(
      filesystem.getByRole('link', { name: 'filesystem' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/api/filesystem/mcp-security?change=change-1',
    );
  });

  it('shows a change’s details on demand', async () => {
    await renderInbox(mcpSecurityApi());

    const filesystem = await item('Bump the filesystem server to 0.6.4');
    expect(
      filesystem.queryByText('Pin 0.6.3 again and restart the clients.'),
    ).not.toBeInTheDocument();
    await userEvent.click(
      filesystem.getByRole('button', { name: 'Show details' }),
    );
    expect(
      filesystem.getByText('Pin 0.6.3 again and restart the clients.'),
    ).toBeInTheDocument();
  });

  it('approves in place and keeps the change, showing where it now stands', async () => {
    const api = mcpSecurityApi({
      transitionChange: jest.fn().mockResolvedValue(approvedOnceBySam()),
    });
    await renderInbox(api);

    const filesystem = await item('Bump the filesystem server to 0.6.4');
    expect(filesystem.getByText(/0 of 2 approvals/)).toBeInTheDocument();
    await userEvent.click(filesystem.getByRole('button', { name: 'Approve…' }));
    const dialog = within(await screen.findByRole('dialog'));
    await userEvent.click(dialog.getByRole('button', { name: 'Approve' }));

    expect(api.transitionChange).toHaveBeenCalledWith('change-1', 'approve', {
      version: 2,
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(filesystem.getByText(/1 of 2 approvals/)).toBeInTheDocument();
    expect(
      filesystem.getByText(/^You approved this change/),
    ).toBeInTheDocument();
    expect(
      filesystem.queryByRole('button', { name: 'Approve…' }),
    ).not.toBeInTheDocument();
  });

  it('rejects in place with a reason', async () => {
    const api = mcpSecurityApi({
      transitionChange: jest.fn().mockResolvedValue(
        changeOf({
          id: 'change-2',
          entityRef: 'api:default/stripe',
          title: 'Allow refunds',
          state: 'rejected',
          version: 3,
          votes: [
            {
              voter: 'user:default/sam',
              decision: 'reject',
              phase: 'approval',
              comment: 'Needs a spending limit first',
              groups: ['group:default/security-team'],
              at: '2026-11-20T11:00:00.000Z',
            },
          ],
        }),
      ),
    });
    await renderInbox(api);

    const stripe = await item('Allow refunds');
    await userEvent.click(stripe.getByRole('button', { name: 'Reject…' }));
    const dialog = within(await screen.findByRole('dialog'));
    await fillIn(
      dialog.getByRole('textbox', { name: /Reason/ }),
      'Needs a spending limit first',
    );
    await userEvent.click(dialog.getByRole('button', { name: 'Reject' }));

    expect(api.transitionChange).toHaveBeenCalledWith('change-2', 'reject', {
      version: 2,
      comment: 'Needs a spending limit first',
    });
    expect(
      await stripe.findByRole('img', { name: 'State: rejected' }),
    ).toBeInTheDocument();
    expect(stripe.getByText(/^You rejected this change/)).toBeInTheDocument();
  });

  it('reloads the inbox on request', async () => {
    const api = mcpSecurityApi();
    await renderInbox(api);

    await screen.findByRole('list', { name: 'Changes waiting for your vote' });
    api.listChanges.mockResolvedValue({ items: [] });
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));

    expect(
      await screen.findByText('No change is waiting for your vote.'),
    ).toBeInTheDocument();
    expect(api.listChanges).toHaveBeenCalledTimes(2);
  });

  it('shows why the inbox could not be read', async () => {
    await renderInbox(
      mcpSecurityApi({
        listChanges: jest.fn().mockRejectedValue(new Error('backend down')),
      }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent('backend down');
  });
});

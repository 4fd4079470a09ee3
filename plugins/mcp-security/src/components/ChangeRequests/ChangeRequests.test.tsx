import { identityApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

// The request form is a large MUI dialog; under CI's parallel load a full
// fill-and-submit flow takes longer than jest's default five seconds.
jest.setTimeout(20_000);

/** Pastes rather than types: one event instead of a re-render per key keeps long fields fast. */
async function pasteInto(field: HTMLElement, text: string) {
  await userEvent.click(field);
  await userEvent.paste(text);
}
import { RiskLevel } from '@mcp-server-operator/plugin-mcp-security-common';
import {
  approvalPolicy,
  approvedOnceBySam,
  changeOf,
  changeTypes,
} from '../../__testUtils__/changes';
import { McpSecurityApi, mcpSecurityApiRef } from '../../api';
import { ChangeRequests } from './ChangeRequests';
import { fillIn } from '../../__testUtils__/userInput';

function mcpSecurityApi(
  overrides: Partial<McpSecurityApi> = {},
): jest.Mocked<McpSecurityApi> {
  return {
    listServerChanges: jest.fn().mockResolvedValue({ items: [changeOf()] }),
    getChangeTypes: jest
      .fn()
      .mockResolvedValue({ items: changeTypes, policy: approvalPolicy }),
    createChange: jest.fn(),
    transitionChange: jest.fn(),
    getChange: jest.fn(),
    ...overrides,
  } as unknown as jest.Mocked<McpSecurityApi>;
}

async function renderChanges(
  api: McpSecurityApi,
  options: {
    userRef?: string;
    canCreate?: boolean;
    canApprove?: boolean;
    canImplement?: boolean;
    serverRisk?: RiskLevel;
    openChangeId?: string;
  } = {},
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [mcpSecurityApiRef, api],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: options.userRef ?? 'user:default/alice',
          }),
        ],
      ]}
    >
      <ChangeRequests
        entityRef="api:default/filesystem"
        serverRisk={options.serverRisk ?? 'high'}
        canCreate={options.canCreate ?? false}
        canApprove={options.canApprove ?? false}
        canImplement={options.canImplement ?? false}
        openChangeId={options.openChangeId}
      />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** Expands a change and answers its panel, actions included. */
async function expand(title: string) {
  const summary = await screen.findByRole('button', {
    name: new RegExp(title),
  });
  if (summary.getAttribute('aria-expanded') !== 'true') {
    await userEvent.click(summary);
  }
  // The region holds the details and the actions.
  return within(await screen.findByRole('region', { name: new RegExp(title) }));
}

function conflict(message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'ConflictError', message },
        response: { statusCode: 409 },
      }),
      { status: 409, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

describe('ChangeRequests', () => {
  it('lists each change with its type, risk, state, approvals and missing groups', async () => {
    await renderChanges(
      mcpSecurityApi({
        listServerChanges: jest.fn().mockResolvedValue({
          items: [
            approvedOnceBySam(),
            changeOf({
              id: 'change-2',
              title: 'Widen the mounts',
              state: 'approved',
              approvalExpired: true,
              createdAt: '2026-11-10T10:00:00.000Z',
            }),
          ],
        }),
      }),
    );

    const summary = await screen.findByRole('button', {
      name: /Bump the filesystem server/,
    });
    expect(summary).toHaveTextContent('Security update');
    expect(
      within(summary).getByRole('img', { name: 'Risk level: high' }),
    ).toBeInTheDocument();
    expect(
      within(summary).getByRole('img', { name: 'State: submitted' }),
    ).toBeInTheDocument();
    expect(summary).toHaveTextContent('1 of 2 approvals');
    expect(summary).not.toHaveTextContent('still needs');

    const expired = screen.getByRole('button', { name: /Widen the mounts/ });
    expect(expired).toHaveTextContent('Approval expired');
  });

  it('names the required groups that have not approved yet', async () => {
    await renderChanges(mcpSecurityApi());

    expect(
      await screen.findByRole('button', { name: /Bump the filesystem/ }),
    ).toHaveTextContent('0 of 2 approvals; still needs security-team');
  });

  it('shows the description, rollback plan, window, votes and timeline', async () => {
    await renderChanges(
      mcpSecurityApi({
        listServerChanges: jest
          .fn()
          .mockResolvedValue({ items: [approvedOnceBySam()] }),
      }),
    );

    const panel = await expand('Bump the filesystem server');

    expect(
      panel.getByText(
        'Fixes a path traversal outside the allowed directories.',
      ),
    ).toBeInTheDocument();
    expect(
      panel.getByText('Pin 0.6.3 again and restart the clients.'),
    ).toBeInTheDocument();
    expect(panel.getByText(/^From/).querySelectorAll('time')).toHaveLength(2);
    const votes = panel.getByRole('list', { name: 'Votes' });
    expect(votes).toHaveTextContent(/^Approved by sam on .*: Looks safe$/);
    const timeline = within(panel.getByRole('list', { name: 'Timeline' }))
      .getAllByRole('listitem')
      .map(item => item.textContent);
    expect(timeline).toEqual([
      expect.stringMatching(/: Created by alice \(draft\)$/),
      expect.stringMatching(/: Submitted by alice \(draft → submitted\)$/),
      expect.stringMatching(
        /: Approved by sam \(stays submitted\): Looks safe$/,
      ),
    ]);
  });

  it('opens the change a link points at', async () => {
    await renderChanges(mcpSecurityApi(), { openChangeId: 'change-1' });

    expect(
      await screen.findByRole('region', { name: /Bump the filesystem/ }),
    ).toBeInTheDocument();
  });

  it('offers no Request change and no actions without permissions', async () => {
    await renderChanges(mcpSecurityApi());

    const panel = await expand('Bump the filesystem server');
    expect(
      screen.queryByRole('button', { name: 'Request change' }),
    ).not.toBeInTheDocument();
    expect(
      panel.queryByRole('button', { name: /Approve|Reject|Cancel/ }),
    ).not.toBeInTheDocument();
  });

  it('hides Approve from the requester even with the approve permission', async () => {
    await renderChanges(mcpSecurityApi(), {
      userRef: 'user:default/alice',
      canCreate: true,
      canApprove: true,
      canImplement: true,
    });

    const panel = await expand('Bump the filesystem server');
    expect(
      panel.getByRole('button', { name: 'Cancel change…' }),
    ).toBeInTheDocument();
    expect(
      panel.queryByRole('button', { name: 'Approve…' }),
    ).not.toBeInTheDocument();
    expect(
      panel.queryByRole('button', { name: 'Reject…' }),
    ).not.toBeInTheDocument();
  });

  it('approves with the version shown and a comment, and shows the change as it now stands', async () => {
    const api = mcpSecurityApi({
      transitionChange: jest.fn().mockResolvedValue(approvedOnceBySam()),
    });
    await renderChanges(api, { userRef: 'user:default/sam', canApprove: true });

    const panel = await expand('Bump the filesystem server');
    await userEvent.click(panel.getByRole('button', { name: 'Approve…' }));
    const dialog = within(await screen.findByRole('dialog'));
    await fillIn(
      dialog.getByRole('textbox', { name: /Comment/ }),
      'Looks safe',
    );
    await userEvent.click(dialog.getByRole('button', { name: 'Approve' }));

    expect(api.transitionChange).toHaveBeenCalledWith('change-1', 'approve', {
      version: 2,
      comment: 'Looks safe',
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('button', { name: /Bump the filesystem/ }),
    ).toHaveTextContent('1 of 2 approvals');
    // One vote per person: no second approval.
    expect(
      panel.queryByRole('button', { name: 'Approve…' }),
    ).not.toBeInTheDocument();
  });

  it('rejects only with a reason', async () => {
    const api = mcpSecurityApi({
      transitionChange: jest
        .fn()
        .mockResolvedValue(changeOf({ state: 'rejected', version: 3 })),
    });
    await renderChanges(api, { userRef: 'user:default/sam', canApprove: true });

    const panel = await expand('Bump the filesystem server');
    await userEvent.click(panel.getByRole('button', { name: 'Reject…' }));
    const dialog = within(await screen.findByRole('dialog'));
    const confirm = dialog.getByRole('button', { name: 'Reject' });
    expect(confirm).toBeDisabled();
    await fillIn(dialog.getByRole('textbox', { name: /Reason/ }), '  ');
    expect(confirm).toBeDisabled();
    await fillIn(
      dialog.getByRole('textbox', { name: /Reason/ }),
      'No tested rollback',
    );
    await userEvent.click(confirm);

    expect(api.transitionChange).toHaveBeenCalledWith('change-1', 'reject', {
      version: 2,
      comment: 'No tested rollback',
    });
    expect(
      await screen.findByRole('img', { name: 'State: rejected' }),
    ).toBeInTheDocument();
  });

  it('reloads the change and says so when someone else acted first', async () => {
    const api = mcpSecurityApi({
      transitionChange: jest
        .fn()
        .mockRejectedValue(
          await conflict('Change change-1 is at version 3, not 2'),
        ),
      getChange: jest.fn().mockResolvedValue(approvedOnceBySam()),
    });
    await renderChanges(api, {
      userRef: 'user:default/jordan',
      canApprove: true,
    });

    const panel = await expand('Bump the filesystem server');
    await userEvent.click(panel.getByRole('button', { name: 'Approve…' }));
    const dialog = within(await screen.findByRole('dialog'));
    await userEvent.click(dialog.getByRole('button', { name: 'Approve' }));

    expect(api.getChange).toHaveBeenCalledWith('change-1');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(panel.getByRole('alert')).toHaveTextContent(
      /Someone else acted on this change first, so nothing was changed/,
    );
    expect(
      screen.getByRole('button', { name: /Bump the filesystem/ }),
    ).toHaveTextContent('1 of 2 approvals');
    // Jordan may still vote, now on the version shown.
    expect(panel.getByRole('button', { name: 'Approve…' })).toBeInTheDocument();
  });

  it('says why an action failed', async () => {
    const api = mcpSecurityApi({
      transitionChange: jest.fn().mockRejectedValue(new Error('offline')),
    });
    await renderChanges(
      mcpSecurityApi({
        ...api,
        listServerChanges: jest.fn().mockResolvedValue({
          items: [changeOf({ state: 'approved', version: 4 })],
        }),
      }),
      { canImplement: true },
    );

    const panel = await expand('Bump the filesystem server');
    await userEvent.click(
      panel.getByRole('button', { name: 'Mark implemented' }),
    );

    expect(await panel.findByRole('alert')).toHaveTextContent(
      'Could not update the change: offline',
    );
  });

  describe('Request change', () => {
    const draft = changeOf({ id: 'change-9', state: 'draft', version: 1 });
    const submitted = changeOf({
      id: 'change-9',
      state: 'submitted',
      version: 2,
    });

    function requestingApi() {
      return mcpSecurityApi({
        listServerChanges: jest.fn().mockResolvedValue({ items: [] }),
        createChange: jest.fn().mockResolvedValue(draft),
        transitionChange: jest.fn().mockResolvedValue(submitted),
      });
    }

    async function openForm(api: McpSecurityApi, serverRisk?: RiskLevel) {
      await renderChanges(api, { canCreate: true, serverRisk });
      await userEvent.click(
        await screen.findByRole('button', { name: 'Request change' }),
      );
      return within(await screen.findByRole('dialog'));
    }

    async function fill(
      form: ReturnType<typeof within>,
      fields: { type: string; rollbackPlan?: string },
    ) {
      await userEvent.selectOptions(
        form.getByRole('combobox', { name: /Change type/ }),
        fields.type,
      );
      await pasteInto(
        form.getByRole('textbox', { name: /Title/ }),
        'Bump to 0.6.4',
      );
      await pasteInto(
        form.getByRole('textbox', { name: /Description/ }),
        'Fixes a path traversal',
      );
      if (fields.rollbackPlan) {
        await pasteInto(
          form.getByRole('textbox', { name: /Rollback plan/ }),
          fields.rollbackPlan,
        );
      }
    }

    it('says there is no change yet', async () => {
      await renderChanges(requestingApi(), { canCreate: true });

      expect(
        await screen.findByText(
          'No change has been requested on this server yet.',
        ),
      ).toBeInTheDocument();
    });

    it('describes the chosen type and shows the risk and approvals the change will need', async () => {
      const form = await openForm(requestingApi(), 'medium');

      await userEvent.selectOptions(
        form.getByRole('combobox', { name: /Change type/ }),
        'dependency-update',
      );
      expect(
        form.getByText(
          'A routine bump of a dependency with no known vulnerability.',
        ),
      ).toBeInTheDocument();
      const needs = form.getByRole('region', {
        name: 'What this change needs',
      });
      // A low-risk type on a medium-risk server is a medium-risk change.
      expect(
        within(needs).getByRole('img', { name: 'Risk level: medium' }),
      ).toBeInTheDocument();
      expect(needs).toHaveTextContent('Needs 1 approval, from people');

      await userEvent.selectOptions(
        form.getByRole('combobox', { name: /Change type/ }),
        'permission-change',
      );
      expect(
        within(needs).getByRole('img', { name: 'Risk level: high' }),
      ).toBeInTheDocument();
      expect(needs).toHaveTextContent(
        'Needs 2 approvals, including security-team, from people other than you',
      );
    });

    it('offers the emergency path only for types that allow it', async () => {
      const form = await openForm(requestingApi());

      await userEvent.selectOptions(
        form.getByRole('combobox', { name: /Change type/ }),
        'dependency-update',
      );
      expect(
        form.queryByRole('checkbox', { name: 'Emergency change' }),
      ).not.toBeInTheDocument();
      await userEvent.selectOptions(
        form.getByRole('combobox', { name: /Change type/ }),
        'security-update',
      );
      expect(
        form.getByRole('checkbox', { name: 'Emergency change' }),
      ).toBeInTheDocument();
      expect(form.getByText(/reviewed within 48 hours/)).toBeInTheDocument();
    });

    it('needs a rollback plan before submitting', async () => {
      const form = await openForm(requestingApi());

      await fill(form, { type: 'security-update' });
      const submit = form.getByRole('button', { name: 'Submit for approval' });
      expect(submit).toBeDisabled();
      await fillIn(
        form.getByRole('textbox', { name: /Rollback plan/ }),
        'Pin 0.6.3',
      );
      expect(submit).toBeEnabled();
    });

    it('refuses a window that ends before it starts', async () => {
      const form = await openForm(requestingApi());

      await fill(form, { type: 'security-update', rollbackPlan: 'Pin 0.6.3' });
      fireEvent.change(form.getByLabelText('Planned start'), {
        target: { value: '2026-12-01T10:00' },
      });
      fireEvent.change(form.getByLabelText('Planned end'), {
        target: { value: '2026-12-01T09:00' },
      });

      expect(
        form.getByText('Must not be before the start'),
      ).toBeInTheDocument();
      expect(
        form.getByRole('button', { name: 'Submit for approval' }),
      ).toBeDisabled();
    });

    it('creates a draft and submits it with the version it got', async () => {
      const api = requestingApi();
      const form = await openForm(api);

      await fill(form, { type: 'security-update', rollbackPlan: 'Pin 0.6.3' });
      fireEvent.change(form.getByLabelText('Planned start'), {
        target: { value: '2026-12-01T09:00' },
      });
      fireEvent.change(form.getByLabelText('Planned end'), {
        target: { value: '2026-12-01T10:30' },
      });
      await userEvent.click(
        form.getByRole('checkbox', { name: 'Emergency change' }),
      );
      await userEvent.click(
        form.getByRole('button', { name: 'Submit for approval' }),
      );

      expect(api.createChange).toHaveBeenCalledWith('api:default/filesystem', {
        changeType: 'security-update',
        title: 'Bump to 0.6.4',
        description: 'Fixes a path traversal',
        rollbackPlan: 'Pin 0.6.3',
        // The tests run in UTC.
        plannedStart: '2026-12-01T09:00:00.000Z',
        plannedEnd: '2026-12-01T10:30:00.000Z',
        emergency: true,
      });
      expect(api.transitionChange).toHaveBeenCalledWith('change-9', 'submit', {
        version: 1,
      });
      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      // The new change shows open, submitted.
      const region = await screen.findByRole('region', {
        name: /Bump the filesystem/,
      });
      expect(region).toBeInTheDocument();
      expect(
        screen.getByRole('img', { name: 'State: submitted' }),
      ).toBeInTheDocument();
    });

    it('keeps the draft when submitting fails, and retries only the submission', async () => {
      const api = requestingApi();
      api.transitionChange
        .mockRejectedValueOnce(new Error('offline'))
        .mockResolvedValueOnce(submitted);
      const form = await openForm(api);

      await fill(form, { type: 'security-update', rollbackPlan: 'Pin 0.6.3' });
      const submit = form.getByRole('button', { name: 'Submit for approval' });
      await userEvent.click(submit);

      expect(await form.findByRole('alert')).toHaveTextContent(
        'Could not submit the change; it was saved as a draft: offline',
      );
      // Behind the dialog, which hides the rest of the page from assistive technology.
      expect(
        screen.getByRole('img', { name: 'State: draft', hidden: true }),
      ).toBeInTheDocument();
      await userEvent.click(submit);

      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      expect(api.createChange).toHaveBeenCalledTimes(1);
      expect(api.transitionChange).toHaveBeenCalledTimes(2);
    });
  });
});

import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RecommendationDecisionForm } from '@mcp-server-operator/plugin-mcp-security-common';
import {
  assessmentView,
  recommendationOf,
} from '../../__testUtils__/assessments';
import { RecommendationsList } from './RecommendationsList';
import { fillIn } from '../../__testUtils__/userInput';

const { recommendations } = assessmentView;

async function renderList(
  onDecide?: (
    controlId: string,
    request: RecommendationDecisionForm,
  ) => Promise<void>,
  list = recommendations,
) {
  await renderInTestApp(
    <RecommendationsList recommendations={list} onDecide={onDecide} />,
    // Decisions link to the user who made them.
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** Expands a recommendation and returns its details. */
async function expand(title: string) {
  await userEvent.click(
    screen.getByRole('button', { name: new RegExp(title) }),
  );
  return within(await screen.findByRole('region', { name: new RegExp(title) }));
}

describe('RecommendationsList', () => {
  it('groups the recommendations by category, the most urgent first', async () => {
    await renderList();

    expect(
      screen
        .getAllByRole('heading', { level: 3 })
        .map(heading => heading.textContent),
    ).toEqual(['Runtime isolation', 'Supply chain', 'Network egress']);

    const isolation = within(
      screen.getByRole('region', { name: 'Runtime isolation' }),
    );
    expect(
      isolation
        .getAllByRole('button', { expanded: false })
        .map(button => button.textContent),
    ).toEqual([
      'Run the server in a containerP1Open',
      'Use a read-only root file systemP3Dismissed',
    ]);
  });

  it('counts the recommendations per status', async () => {
    await renderList();

    const counts = within(
      screen.getByRole('list', { name: 'Recommendations by status' }),
    ).getAllByRole('listitem');
    expect(counts.map(item => item.textContent)).toEqual([
      '2 open',
      '0 accepted',
      '1 implemented',
      '1 dismissed',
    ]);
  });

  it('shows rationale, steps, verification, references and template', async () => {
    await renderList();

    const details = await expand('Run the server in a container');

    expect(details.getByText('writes files').tagName).toBe('STRONG');
    // Code blocks are highlighted by a module loaded on first use.
    expect(
      await details.findByText('docker build -t filesystem-mcp .', {
        exact: false,
      }),
    ).toBeInTheDocument();
    expect(details.getByText('docker inspect').tagName).toBe('CODE');
    expect(
      details.getByRole('link', { name: /CoSAI MCP security: isolation/ }),
    ).toHaveAttribute('href', 'https://example.com/cosai/isolation');
    expect(
      details.getByText('OWASP LLM06 Excessive Agency'),
    ).toBeInTheDocument();
    expect(
      details.getByText('template:default/containerised-mcp-server'),
    ).toBeInTheDocument();
  });

  it("shows the owner's decision", async () => {
    await renderList();

    const details = await expand('Use a read-only root file system');

    const decision = details.getByText(/^Dismissed by/);
    expect(decision).toHaveTextContent('The server caches packages on disk');
    expect(within(decision).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/user/jane',
    );
  });

  it('has no actions for users who may not decide', async () => {
    await renderList();

    const details = await expand('Run the server in a container');

    expect(details.queryByRole('button')).not.toBeInTheDocument();
  });

  it.each([
    ['Accept', 'Run the server in a container', 'run-in-container', 'accepted'],
    [
      'Mark implemented',
      'Run the server in a container',
      'run-in-container',
      'implemented',
    ],
    ['Reopen', 'Pin the package version', 'pin-version', 'open'],
  ])('%s records the decision', async (action, title, controlId, status) => {
    const onDecide = jest.fn().mockResolvedValue(undefined);
    await renderList(onDecide);

    const details = await expand(title);
    await userEvent.click(details.getByRole('button', { name: action }));

    expect(onDecide).toHaveBeenCalledWith(controlId, { status });
  });

  it('offers only the decisions that make sense from each status', async () => {
    await renderList(jest.fn());

    const open = await expand('Run the server in a container');
    expect(open.getAllByRole('button').map(b => b.textContent)).toEqual([
      'Accept',
      'Mark implemented',
      'Dismiss…',
    ]);
    const dismissed = await expand('Use a read-only root file system');
    expect(dismissed.getAllByRole('button').map(b => b.textContent)).toEqual([
      'Reopen',
    ]);
  });

  it('asks for a reason before dismissing', async () => {
    const onDecide = jest.fn().mockResolvedValue(undefined);
    await renderList(onDecide);

    const details = await expand('Allow outbound traffic to listed hosts only');
    await userEvent.click(details.getByRole('button', { name: 'Dismiss…' }));

    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByRole('button', { name: 'Dismiss' })).toBeDisabled();
    await fillIn(
      dialog.getByRole('textbox', { name: /Reason/ }),
      'Egress is filtered by the cluster',
    );
    await userEvent.click(dialog.getByRole('button', { name: 'Dismiss' }));

    expect(onDecide).toHaveBeenCalledWith('egress-allowlist', {
      status: 'dismissed',
      note: 'Egress is filtered by the cluster',
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('says why a decision failed', async () => {
    await renderList(jest.fn().mockRejectedValue(new Error('offline')));

    const details = await expand('Run the server in a container');
    await userEvent.click(details.getByRole('button', { name: 'Accept' }));

    expect(await details.findByRole('alert')).toHaveTextContent(
      'Could not record the decision: offline',
    );
  });

  it('says so when no control applies', async () => {
    await renderList(undefined, []);

    expect(
      screen.getByText(
        'No control of the knowledge base applies to this server.',
      ),
    ).toBeInTheDocument();
  });

  it('orders groups by their most urgent recommendation, then as served', async () => {
    await renderList(undefined, [
      recommendationOf({
        controlId: 'audit-log',
        title: 'Log every tool call',
        category: 'monitoring',
        priority: 'P2',
        status: 'open',
      }),
      recommendationOf({
        controlId: 'secret-store',
        title: 'Keep secrets in a vault',
        category: 'secrets',
        priority: 'P3',
        status: 'open',
      }),
      recommendationOf({
        controlId: 'scoped-token',
        title: 'Use a scoped token',
        category: 'identity-authorisation',
        priority: 'P2',
        status: 'open',
      }),
      recommendationOf({
        controlId: 'rotate-secrets',
        title: 'Rotate secrets',
        category: 'secrets',
        priority: 'P1',
        status: 'open',
      }),
    ]);

    expect(
      screen
        .getAllByRole('heading', { level: 3 })
        .map(heading => heading.textContent),
    ).toEqual(['Secrets', 'Monitoring', 'Identity authorisation']);
    expect(
      within(screen.getByRole('region', { name: 'Secrets' }))
        .getAllByRole('button')
        .map(button => button.textContent),
    ).toEqual(['Rotate secretsP1Open', 'Keep secrets in a vaultP3Open']);
  });
});

import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  assessmentView,
  knowledgeModel,
} from '../../__testUtils__/assessments';
import { AssessmentOverview } from './AssessmentOverview';

describe('AssessmentOverview', () => {
  it('shows trust, risk, guidance and findings of the assessment', async () => {
    await renderInTestApp(
      <AssessmentOverview assessment={assessmentView} model={knowledgeModel} />,
    );

    expect(
      screen.getByRole('img', {
        name: 'Trust tier: community, score 55 of 100',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Risk level: high' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Score 68/100')).toBeInTheDocument();

    const signals = within(screen.getByRole('list', { name: 'Trust signals' }));
    expect(signals.getByText('+15')).toBeInTheDocument();
    expect(signals.getByText('-10')).toBeInTheDocument();
    expect(
      signals.getByText('Package version is not pinned'),
    ).toBeInTheDocument();

    const factorRows = within(
      screen.getByRole('table', { name: 'Risk factors' }),
    ).getAllByRole('row');
    expect(factorRows.map(row => row.textContent)).toEqual([
      'DimensionPointsReason',
      'Impact30Writes to the file system',
      'Likelihood12Reachable from the internet',
    ]);

    const guidance = within(
      screen
        .getByRole('heading', { name: 'Guidance' })
        .closest('.MuiCard-root') as HTMLElement,
    );
    // In the words of the model the API serves, not those of model.yaml.
    expect(guidance.getByText('Guidance type')).toBeInTheDocument();
    expect(guidance.getByText('Third party')).toBeInTheDocument();
    expect(
      guidance.getByText('Ask the platform team for a code review before use.'),
    ).toBeInTheDocument();
    expect(guidance.getByText('Target assurance level')).toBeInTheDocument();
    expect(guidance.getByText('L3 Customer facing')).toBeInTheDocument();
    expect(
      guidance.getByText('Serves customers; the security review signs it off.'),
    ).toBeInTheDocument();

    const findingRows = within(
      screen.getByRole('table', { name: 'Findings' }),
    ).getAllByRole('row');
    expect(findingRows.map(row => row.textContent)).toEqual([
      'SeverityFieldTargetMessage',
      'highmcp-security.io/server-jsonhttps://example.com/server.jsonserver.json could not be read: 404',
      'lowmcp-security.io/exposureUnknown exposure "public"',
    ]);

    expect(screen.getByText(/knowledge base kb-2026\.11\.1/)).toHaveTextContent(
      'engine 0.1.0',
    );
    expect(
      document.querySelector('time[datetime="2026-11-20T10:00:00.000Z"]'),
    ).toBeInTheDocument();
  });

  it('names the assurance level by its id when the model lacks it', async () => {
    await renderInTestApp(
      <AssessmentOverview
        assessment={assessmentView}
        model={{
          ...knowledgeModel,
          assuranceLevels: knowledgeModel.assuranceLevels.filter(
            level => level.id !== 'L3',
          ),
        }}
      />,
    );

    const guidance = within(
      screen
        .getByRole('heading', { name: 'Guidance' })
        .closest('.MuiCard-root') as HTMLElement,
    );
    expect(guidance.getByText('L3')).toBeInTheDocument();
    expect(guidance.getByText('Third party')).toBeInTheDocument();
  });

  it('says so when there are no findings', async () => {
    await renderInTestApp(
      <AssessmentOverview
        assessment={{ ...assessmentView, findings: [] }}
        model={knowledgeModel}
      />,
    );

    expect(screen.getByText(/^No findings/)).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Findings' }),
    ).not.toBeInTheDocument();
  });

  it('leaves out the residual risk when it equals the risk', async () => {
    await renderInTestApp(
      <AssessmentOverview assessment={assessmentView} model={knowledgeModel} />,
    );

    expect(
      screen.queryByRole('heading', { name: 'Residual risk' }),
    ).not.toBeInTheDocument();
  });

  it('shows the residual risk and what implemented recommendations took off', async () => {
    await renderInTestApp(
      <AssessmentOverview
        model={knowledgeModel}
        assessment={{
          ...assessmentView,
          residualRisk: {
            level: 'medium',
            score: 43,
            reductions: [
              { controlId: 'pin-version', factor: 'unpinned', points: 8 },
              {
                controlId: 'run-in-container',
                factor: 'capabilities',
                points: 17,
              },
            ],
          },
        }}
      />,
    );

    expect(
      screen.getByRole('heading', { name: 'Residual risk' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Risk level: medium' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Score 43/100')).toBeInTheDocument();
    expect(
      screen.getByText('−25 points from implemented recommendations'),
    ).toBeInTheDocument();
    const reductions = within(
      screen.getByRole('list', { name: 'Risk reductions' }),
    ).getAllByRole('listitem');
    expect(reductions.map(item => item.textContent)).toEqual([
      '−17Run the server in a containeron capabilities',
      '−8Pin the package versionon unpinned',
    ]);
  });

  it('has no Refresh button for users who may not refresh', async () => {
    await renderInTestApp(
      <AssessmentOverview assessment={assessmentView} model={knowledgeModel} />,
    );

    expect(
      screen.queryByRole('button', { name: 'Refresh' }),
    ).not.toBeInTheDocument();
  });

  it('refreshes the assessment', async () => {
    const onRefresh = jest.fn().mockResolvedValue(undefined);
    await renderInTestApp(
      <AssessmentOverview
        assessment={assessmentView}
        model={knowledgeModel}
        onRefresh={onRefresh}
      />,
    );

    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(onRefresh).toHaveBeenCalledTimes(1);
    expect(
      await screen.findByRole('button', { name: 'Refresh' }),
    ).toBeEnabled();
  });

  it('says why a refresh failed', async () => {
    await renderInTestApp(
      <AssessmentOverview
        assessment={assessmentView}
        model={knowledgeModel}
        onRefresh={jest.fn().mockRejectedValue(new Error('engine busy'))}
      />,
    );

    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not refresh the assessment: engine busy',
    );
  });
  it('shows the provenance the engine judged, with its evidence', async () => {
    await renderInTestApp(
      <AssessmentOverview
        assessment={{
          ...assessmentView,
          provenance: {
            publisher: {
              namespace: 'io.github.someone',
              verification: 'github',
              mismatches: ['ghcr.io/other/fs is published by other'],
              evidence:
                'io.github.someone is granted to whoever signs in as the GitHub account someone',
            },
            hosting: {
              value: 'self-hosted',
              source: 'derived',
              evidence: 'The operator runs @someone/fs itself',
            },
            lookalikes: [
              {
                vendor: 'Model Context Protocol',
                official: 'io.github.modelcontextprotocol',
                evidence:
                  '@someone/server-filesystem is a near-copy of @modelcontextprotocol/server-filesystem',
              },
            ],
            knownMalicious: [],
            releaseSignals: [
              {
                id: 'pre-release',
                evidence: 'Pre-release version: 1.0.0-beta.1',
              },
            ],
            inferredCapabilities: [
              {
                value: 'filesystem-write',
                source: 'derived',
                evidence: 'description mentions "file system"',
              },
            ],
          },
        }}
        model={knowledgeModel}
      />,
    );
    const card = within(
      screen
        .getByRole('heading', { name: 'Provenance' })
        .closest('.MuiCard-root') as HTMLElement,
    );
    expect(card.getByText('A GitHub account')).toBeInTheDocument();
    expect(
      card.getByText(/ghcr\.io\/other\/fs is published by other/),
    ).toBeInTheDocument();
    expect(
      card.getByText('The operator runs @someone/fs itself'),
    ).toBeInTheDocument();
    expect(
      card.getByText(
        /is a near-copy of @modelcontextprotocol\/server-filesystem/,
      ),
    ).toBeInTheDocument();
    expect(
      card.getByText('Pre-release version: 1.0.0-beta.1'),
    ).toBeInTheDocument();
    expect(
      card.getByText('filesystem-write (description mentions "file system")'),
    ).toBeInTheDocument();
  });

  it('leaves the provenance card out of assessments made before it existed', async () => {
    await renderInTestApp(
      <AssessmentOverview assessment={assessmentView} model={knowledgeModel} />,
    );
    expect(
      screen.queryByRole('heading', { name: 'Provenance' }),
    ).not.toBeInTheDocument();
  });
});

import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import {
  assessmentHistory,
  knowledgeModel,
} from '../../__testUtils__/assessments';
import { McpSecurityApi, mcpSecurityApiRef } from '../../api';
import { AssessmentHistory } from './AssessmentHistory';

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

async function renderHistory(
  getAssessmentHistory: McpSecurityApi['getAssessmentHistory'],
) {
  await renderInTestApp(
    <TestApiProvider apis={[[mcpSecurityApiRef, { getAssessmentHistory }]]}>
      <AssessmentHistory
        entityRef="api:default/filesystem"
        riskLevels={knowledgeModel.riskLevels}
      />
    </TestApiProvider>,
  );
}

describe('AssessmentHistory', () => {
  it('charts the risk score against the model’s level thresholds and lists every assessment', async () => {
    const getAssessmentHistory = jest
      .fn()
      .mockResolvedValue({ items: assessmentHistory });
    await renderHistory(getAssessmentHistory);

    const rows = within(
      await screen.findByRole('table', { name: 'Assessment history' }),
    ).getAllByRole('row');
    expect(getAssessmentHistory).toHaveBeenCalledWith(
      'api:default/filesystem',
      {
        limit: 100,
      },
    );
    expect(rows).toHaveLength(3);
    expect(
      within(rows[1]).getByRole('img', { name: 'Risk level: high' }),
    ).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('68');
    expect(
      within(rows[1]).getByRole('img', {
        name: 'Trust tier: community, score 55 of 100',
      }),
    ).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('kb-2026.11.1');
    expect(
      within(rows[2]).getByRole('img', { name: 'Risk level: critical' }),
    ).toBeInTheDocument();
    expect(rows[2]).toHaveTextContent('kb-2026.10.2');

    const chart = screen.getByRole('img', { name: /^Risk score over time/ });
    expect(chart.getAttribute('aria-label')).toMatch(/from 81 on .* to 68 on /);
    expect(chart.querySelector('.recharts-line')).toBeInTheDocument();
    expect(
      [...chart.querySelectorAll('.recharts-reference-line')].map(
        line => line.textContent,
      ),
    ).toEqual(['Medium', 'High', 'Critical']);
    // The thresholds the model serves (35/55/75 here), not model.yaml's.
    expect(
      [
        ...chart.querySelectorAll(
          '.recharts-yAxis .recharts-cartesian-axis-tick-value',
        ),
      ].map(tick => tick.textContent),
    ).toEqual(['0', '35', '55', '75', '100']);
  });

  it('has no trend to show after a single assessment', async () => {
    await renderHistory(
      jest.fn().mockResolvedValue({ items: assessmentHistory.slice(0, 1) }),
    );

    expect(
      await screen.findByText(/^Only one assessment so far/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('img', { name: /^Risk score over time/ }),
    ).not.toBeInTheDocument();
    expect(
      within(
        screen.getByRole('table', { name: 'Assessment history' }),
      ).getAllByRole('row'),
    ).toHaveLength(2);
  });

  it('says so when nothing was recorded', async () => {
    await renderHistory(jest.fn().mockResolvedValue({ items: [] }));

    expect(
      await screen.findByText(
        'No assessment of this server has been recorded yet.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Assessment history' }),
    ).not.toBeInTheDocument();
  });

  it('shows an error panel when the history cannot be loaded', async () => {
    await renderHistory(jest.fn().mockRejectedValue(new Error('offline')));

    expect(await screen.findByRole('alert')).toHaveTextContent('offline');
  });
});

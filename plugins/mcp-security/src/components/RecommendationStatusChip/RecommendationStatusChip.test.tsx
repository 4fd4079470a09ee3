import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { RecommendationStatusChip } from './RecommendationStatusChip';

describe('RecommendationStatusChip', () => {
  it.each([
    ['open', 'Open'],
    ['accepted', 'Accepted'],
    ['implemented', 'Implemented'],
    ['dismissed', 'Dismissed'],
  ] as const)(
    'names the %s status for assistive technology',
    async (status, label) => {
      await renderInTestApp(<RecommendationStatusChip status={status} />);

      expect(
        screen.getByRole('img', { name: `Status: ${status}` }),
      ).toHaveTextContent(label);
    },
  );
});

import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { PriorityChip } from './PriorityChip';

describe('PriorityChip', () => {
  it.each(['P1', 'P2', 'P3', 'P4'] as const)(
    'names priority %s for assistive technology',
    async priority => {
      await renderInTestApp(<PriorityChip priority={priority} />);

      expect(
        screen.getByRole('img', { name: `Priority ${priority}` }),
      ).toHaveTextContent(priority);
    },
  );
});

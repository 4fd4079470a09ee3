import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { RiskLevelChip } from './RiskLevelChip';

describe('RiskLevelChip', () => {
  it.each([
    ['low', 'Low'],
    ['medium', 'Medium'],
    ['high', 'High'],
    ['critical', 'Critical'],
  ] as const)(
    'names the %s level for assistive technology',
    async (level, label) => {
      await renderInTestApp(<RiskLevelChip level={level} />);

      const chip = screen.getByRole('img', { name: `Risk level: ${level}` });
      expect(chip).toHaveTextContent(label);
    },
  );
});

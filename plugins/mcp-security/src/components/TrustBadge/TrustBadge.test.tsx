import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { TrustBadge } from './TrustBadge';

describe('TrustBadge', () => {
  it('shows the tier and the score', async () => {
    await renderInTestApp(<TrustBadge tier="community" score={55} />);

    const badge = screen.getByRole('img', {
      name: 'Trust tier: community, score 55 of 100',
    });
    expect(badge).toHaveTextContent('Community · 55/100');
  });
});

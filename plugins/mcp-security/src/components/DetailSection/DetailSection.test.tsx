import { render, screen } from '@testing-library/react';
import { DetailSection } from './DetailSection';

describe('DetailSection', () => {
  it('puts its content under a heading below the item groups', () => {
    render(
      <DetailSection title="Verification">
        <p>docker inspect shows no host network.</p>
      </DetailSection>,
    );

    expect(
      screen.getByRole('heading', { level: 4, name: 'Verification' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('docker inspect shows no host network.'),
    ).toBeInTheDocument();
  });
});

import { render } from '@testing-library/react';
import { Timestamp } from './Timestamp';

describe('Timestamp', () => {
  it('keeps the exact time in the markup and shows a readable one', () => {
    const { container } = render(
      <Timestamp value="2026-11-20T10:00:00.000Z" />,
    );

    const time = container.querySelector('time');
    expect(time).toHaveAttribute('dateTime', '2026-11-20T10:00:00.000Z');
    expect(time).toHaveTextContent('2026');
  });
});

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

  it('gives the UTC time as its tooltip', () => {
    const { container } = render(
      <Timestamp value="2026-11-20T23:30:00.000Z" />,
    );

    const title = container.querySelector('time')?.getAttribute('title');
    // 23:30 or 11:30 PM, as the locale writes it.
    expect(title).toMatch(/^.*20.*2026.*(23|11):30.* UTC$/);
  });
});

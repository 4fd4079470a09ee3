import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { MarkdownList } from './MarkdownList';

describe('MarkdownList', () => {
  it('numbers ordered items and renders their Markdown', async () => {
    await renderInTestApp(
      <MarkdownList items={['Run `npm audit`.', 'Run `npm audit`.']} ordered />,
    );

    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(screen.getByRole('list').tagName).toBe('OL');
    // Repeated steps are kept, each in its place.
    expect(items).toHaveLength(2);
    expect(within(items[0]).getByText('npm audit').tagName).toBe('CODE');
  });

  it('lists unordered items with bullets', async () => {
    await renderInTestApp(<MarkdownList items={['**Bold** check']} />);

    expect(screen.getByRole('list').tagName).toBe('UL');
    expect(screen.getByText('Bold').tagName).toBe('STRONG');
  });
});

import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { changeStateSchema } from '@mcp-server-operator/plugin-mcp-security-common';
import { ChangeStateChip } from './ChangeStateChip';

describe('ChangeStateChip', () => {
  it.each(changeStateSchema.options)('names the %s state', async state => {
    await renderInTestApp(<ChangeStateChip state={state} />);

    expect(screen.getByRole('img', { name: /^State: / }).textContent).toMatch(
      /^[A-Z][a-z ]+$/,
    );
  });

  it('reads rolled back as words', async () => {
    await renderInTestApp(<ChangeStateChip state="rolled-back" />);

    expect(
      screen.getByRole('img', { name: 'State: rolled back' }),
    ).toHaveTextContent('Rolled back');
  });
});

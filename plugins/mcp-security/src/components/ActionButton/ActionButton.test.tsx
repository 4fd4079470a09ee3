import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActionButton } from './ActionButton';

describe('ActionButton', () => {
  it('is disabled and says so while its action runs, then is ready again', async () => {
    let finish: () => void = () => {};
    const onClick = jest.fn(
      () => new Promise<void>(resolve => (finish = resolve)),
    );
    render(
      <ActionButton
        icon={null}
        label="Refresh"
        busyLabel="Refreshing…"
        action="refresh the assessment"
        onClick={onClick}
      />,
    );

    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(screen.getByRole('button', { name: 'Refreshing…' })).toBeDisabled();
    finish();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Refresh' })).toBeEnabled(),
    );
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says why beneath the button when its action fails', async () => {
    render(
      <ActionButton
        icon={null}
        label="Download CSV"
        action="download the scorecards"
        onClick={() => Promise.reject(new Error('offline'))}
      />,
    );

    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not download the scorecards: offline',
    );
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeEnabled();
  });
});

import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DismissRecommendationDialog } from './DismissRecommendationDialog';
import { fillIn } from '../../__testUtils__/userInput';

describe('DismissRecommendationDialog', () => {
  async function renderDialog(
    onConfirm = jest.fn().mockResolvedValue(undefined),
  ) {
    const onCancel = jest.fn();
    await renderInTestApp(
      <DismissRecommendationDialog
        controlId="read-only-root"
        title="Use a read-only root file system"
        onCancel={onCancel}
        onConfirm={onConfirm}
      />,
    );
    return { onConfirm, onCancel };
  }

  it('cannot be confirmed without a reason', async () => {
    const { onConfirm } = await renderDialog();

    const dialog = screen.getByRole('dialog', {
      name: 'Dismiss “Use a read-only root file system”',
    });
    const dismiss = screen.getByRole('button', { name: 'Dismiss' });
    expect(dialog).toContainElement(dismiss);
    expect(dismiss).toBeDisabled();

    // Blank space is not a reason.
    await fillIn(screen.getByRole('textbox', { name: /Reason/ }), '   ');
    expect(dismiss).toBeDisabled();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('sends the trimmed reason with the dismissal', async () => {
    const { onConfirm } = await renderDialog();

    await fillIn(
      screen.getByRole('textbox', { name: /Reason/ }),
      '  The server caches packages on disk ',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));

    expect(onConfirm).toHaveBeenCalledWith({
      status: 'dismissed',
      note: 'The server caches packages on disk',
    });
  });

  it('shows why the dismissal failed and stays open', async () => {
    await renderDialog(jest.fn().mockRejectedValue(new Error('offline')));

    await fillIn(
      screen.getByRole('textbox', { name: /Reason/ }),
      'Not applicable',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not dismiss the recommendation: offline',
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('can be cancelled', async () => {
    const { onCancel } = await renderDialog();

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(onCancel).toHaveBeenCalled());
  });
});

import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CompleteMaintenanceDialog } from './CompleteMaintenanceDialog';
import { fillIn } from '../../__testUtils__/userInput';

describe('CompleteMaintenanceDialog', () => {
  async function renderDialog(
    onConfirm = jest.fn().mockResolvedValue(undefined),
  ) {
    const onCancel = jest.fn();
    await renderInTestApp(
      <CompleteMaintenanceDialog
        taskId="review-agent-access"
        title="Review which agents can call the server"
        evidence="The clients found and every token revoked."
        onCancel={onCancel}
        onConfirm={onConfirm}
      />,
    );
    return { onConfirm, onCancel };
  }

  it('says what to record and cannot be confirmed without evidence', async () => {
    const { onConfirm } = await renderDialog();

    const dialog = screen.getByRole('dialog', {
      name: 'Complete “Review which agents can call the server”',
    });
    expect(dialog).toHaveTextContent(
      'Record: The clients found and every token revoked.',
    );
    const complete = within(dialog).getByRole('button', { name: 'Complete' });
    expect(complete).toBeDisabled();

    // Blank space is no evidence.
    await fillIn(screen.getByRole('textbox', { name: /Evidence/ }), '   ');
    expect(complete).toBeDisabled();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('sends the outcome with the trimmed evidence', async () => {
    const { onConfirm } = await renderDialog();

    expect(screen.getByRole('radio', { name: 'Done' })).toBeChecked();
    await userEvent.click(
      screen.getByRole('radio', { name: 'Done with issues' }),
    );
    await fillIn(
      screen.getByRole('textbox', { name: /Evidence/ }),
      ' 3 clients; revoked the CI token ',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Complete' }));

    expect(onConfirm).toHaveBeenCalledWith({
      outcome: 'done-with-issues',
      evidence: '3 clients; revoked the CI token',
    });
  });

  it('asks for the reason of a skip', async () => {
    const { onConfirm } = await renderDialog();

    await userEvent.click(screen.getByRole('radio', { name: 'Skipped' }));
    await fillIn(
      screen.getByRole('textbox', { name: /Reason for skipping/ }),
      'The server is being retired this week',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Complete' }));

    expect(onConfirm).toHaveBeenCalledWith({
      outcome: 'skipped-with-reason',
      evidence: 'The server is being retired this week',
    });
  });

  it('shows why the completion failed and stays open', async () => {
    await renderDialog(
      jest.fn().mockRejectedValue(new Error('the task no longer applies')),
    );

    await fillIn(screen.getByRole('textbox', { name: /Evidence/ }), 'Checked');
    await userEvent.click(screen.getByRole('button', { name: 'Complete' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not record the completion: the task no longer applies',
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('can be cancelled', async () => {
    const { onCancel } = await renderDialog();

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(onCancel).toHaveBeenCalled());
  });
});

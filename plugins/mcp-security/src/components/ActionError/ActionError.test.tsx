import { ResponseError } from '@backstage/errors';
import { render, screen } from '@testing-library/react';
import { ActionError } from './ActionError';

describe('ActionError', () => {
  it('gives the reason the backend sent', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'Unauthorized' },
          response: { statusCode: 403 },
        }),
        {
          status: 403,
          statusText: 'Forbidden',
          headers: { 'Content-Type': 'application/json' },
        },
      ),
    );
    render(<ActionError action="refresh the assessment" error={error} />);

    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not refresh the assessment: Unauthorized',
    );
  });

  it('gives the message of any other error', () => {
    render(
      <ActionError
        action="refresh the assessment"
        error={new Error('offline')}
      />,
    );

    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not refresh the assessment: offline',
    );
  });
});

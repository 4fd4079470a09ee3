import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { McpSecurityBackendClient } from './McpSecurityBackendClient';

describe('McpSecurityBackendClient', () => {
  const client = new McpSecurityBackendClient({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
  });
  const fetchMock = jest.spyOn(global, 'fetch');
  afterAll(() => fetchMock.mockRestore());

  const errorResponse = (status: number, name: string, message: string) =>
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    );

  it("throws the backend's own error type and message, not a bare status", async () => {
    fetchMock.mockResolvedValueOnce(
      errorResponse(
        403,
        'NotAllowedError',
        'You may not change api:default/neon',
      ),
    );
    await expect(
      client.createChange(
        'api:default/neon',
        {
          changeType: 'code-deployment',
          title: 't',
          description: 'd',
          rollbackPlan: 'r',
          emergency: false,
        },
        mockCredentials.user(),
      ),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'You may not change api:default/neon',
    });
  });

  it('keeps a ResponseError for errors it has no type for', async () => {
    fetchMock.mockResolvedValueOnce(errorResponse(500, 'Error', 'boom'));
    await expect(
      client.getChangeTypes(mockCredentials.user()),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 500 });
  });

  it('encodes every segment of the entity path', async () => {
    fetchMock.mockResolvedValueOnce(new Response('{}', { status: 200 }));
    await client.getAssessment('api:my-ns/a b', mockCredentials.user());
    expect(String(fetchMock.mock.calls.at(-1)![0])).toMatch(
      /\/entities\/api\/my-ns\/a%20b\/assessment$/,
    );
  });
});

import { ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/test-utils';
import { McpSecurityClient } from './McpSecurityClient';

describe('McpSecurityClient', () => {
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backstage' });

  function clientReturning(response: Response) {
    const fetch = jest.fn().mockResolvedValue(response);
    return {
      client: new McpSecurityClient({ discoveryApi, fetchApi: { fetch } }),
      fetch,
    };
  }

  it('fetches the assessment of an entity from the mcp-security backend', async () => {
    const { client, fetch } = clientReturning(
      new Response(JSON.stringify({ risk: { level: 'high' } }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
    );

    await expect(
      client.getAssessment('api:default/filesystem'),
    ).resolves.toEqual({ risk: { level: 'high' } });
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/mcp-security/entities/api/default/filesystem/assessment',
    );
  });

  it('encodes every path segment of a compound entity ref', async () => {
    const { client, fetch } = clientReturning(new Response('{}'));

    await client.getAssessment({
      kind: 'Component',
      namespace: 'team a',
      name: 'files/../admin',
    });

    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/mcp-security/entities/Component/team%20a/files%2F..%2Fadmin/assessment',
    );
  });

  it('throws a ResponseError carrying the backend error on failure', async () => {
    const { client } = clientReturning(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotFoundError',
            message: 'No MCP server api:default/nope',
          },
          response: { statusCode: 404 },
        }),
        { status: 404, headers: { 'Content-Type': 'application/json' } },
      ),
    );

    const error = await client
      .getAssessment('api:default/nope')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({
      statusCode: 404,
      cause: {
        name: 'NotFoundError',
        message: 'No MCP server api:default/nope',
      },
    });
  });
});

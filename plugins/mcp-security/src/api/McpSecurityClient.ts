import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { Assessment } from '@mcp-server-operator/plugin-mcp-security-common';
import { McpSecurityApi } from './McpSecurityApi';

/**
 * The default {@link McpSecurityApi}: calls the mcp-security backend over HTTP.
 *
 * @public
 */
export class McpSecurityClient implements McpSecurityApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getAssessment(
    entityRef: CompoundEntityRef | string,
  ): Promise<Assessment> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    return this.get<Assessment>(
      `/entities/${encodeURIComponent(kind)}/${encodeURIComponent(
        namespace,
      )}/${encodeURIComponent(name)}/assessment`,
    );
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('mcp-security');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

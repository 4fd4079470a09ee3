import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AssessmentSummary,
  AssessmentView,
  Control,
  KnowledgeModelSummary,
  RecommendationDecisionRequest,
} from '@mcp-server-operator/plugin-mcp-security-common';
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
  ): Promise<AssessmentView> {
    return this.request('GET', `${entityPath(entityRef)}/assessment`);
  }

  async getAssessmentHistory(
    entityRef: CompoundEntityRef | string,
    options?: { limit?: number },
  ): Promise<{ items: AssessmentSummary[] }> {
    const query =
      options?.limit === undefined
        ? ''
        : `?${new URLSearchParams({ limit: String(options.limit) })}`;
    return this.request('GET', `${entityPath(entityRef)}/assessments${query}`);
  }

  async refreshAssessment(
    entityRef: CompoundEntityRef | string,
  ): Promise<AssessmentView> {
    return this.request('POST', `${entityPath(entityRef)}/assessment/refresh`);
  }

  async decideRecommendation(
    entityRef: CompoundEntityRef | string,
    controlId: string,
    request: RecommendationDecisionRequest,
  ): Promise<AssessmentView> {
    return this.request(
      'PUT',
      `${entityPath(entityRef)}/recommendations/${encodeURIComponent(
        controlId,
      )}`,
      request,
    );
  }

  async listControls(): Promise<{ version: string; items: Control[] }> {
    return this.request('GET', '/knowledge/controls');
  }

  async getKnowledgeModel(): Promise<KnowledgeModelSummary> {
    return this.request('GET', '/knowledge/model');
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('mcp-security');
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}`,
      body === undefined
        ? { method }
        : {
            method,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

/** The backend path of an entity; every segment is encoded, as names may hold any character. */
function entityPath(entityRef: CompoundEntityRef | string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/entities/${encodeURIComponent(kind)}/${encodeURIComponent(
    namespace,
  )}/${encodeURIComponent(name)}`;
}

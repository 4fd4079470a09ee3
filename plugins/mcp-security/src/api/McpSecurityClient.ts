import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AdvisoriesResponse,
  AssessmentSummary,
  AssessmentView,
  ChangeCreateRequest,
  ChangeRequestView,
  ChangeTransition,
  ChangeTransitionRequest,
  ChangeType,
  Control,
  KnowledgeModelSummary,
  MaintenanceCompletion,
  MaintenanceCompletionRequest,
  MaintenanceTaskView,
  RecommendationDecisionRequest,
  ScorecardGroupBy,
  entityPath,
} from '@mcp-server-operator/plugin-mcp-security-common';
import {
  ChangeApprovalPolicy,
  ChangeListOptions,
  McpSecurityApi,
  ScorecardDetail,
  ScorecardList,
  ScorecardSnapshot,
} from './McpSecurityApi';
import { downloadedFile } from './downloadedFile';

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

  async getMaintenance(
    entityRef: CompoundEntityRef | string,
  ): Promise<{ items: MaintenanceTaskView[] }> {
    return this.request('GET', `${entityPath(entityRef)}/maintenance`);
  }

  async completeMaintenanceTask(
    entityRef: CompoundEntityRef | string,
    taskId: string,
    request: MaintenanceCompletionRequest,
  ): Promise<MaintenanceTaskView> {
    return this.request(
      'POST',
      `${entityPath(entityRef)}/maintenance/${encodeURIComponent(
        taskId,
      )}/completions`,
      request,
    );
  }

  async getMaintenanceCompletions(
    entityRef: CompoundEntityRef | string,
    options?: { taskId?: string; limit?: number },
  ): Promise<{ items: MaintenanceCompletion[] }> {
    const query = new URLSearchParams();
    if (options?.taskId !== undefined) {
      query.set('taskId', options.taskId);
    }
    if (options?.limit !== undefined) {
      query.set('limit', String(options.limit));
    }
    const search = query.toString();
    return this.request(
      'GET',
      `${entityPath(entityRef)}/maintenance/completions${
        search ? `?${search}` : ''
      }`,
    );
  }

  async downloadMaintenanceCalendar(
    entityRef: CompoundEntityRef | string,
  ): Promise<File> {
    return this.download(`${entityPath(entityRef)}/maintenance.ics`);
  }

  async listServerChanges(
    entityRef: CompoundEntityRef | string,
  ): Promise<{ items: ChangeRequestView[] }> {
    return this.request('GET', `${entityPath(entityRef)}/changes`);
  }

  async createChange(
    entityRef: CompoundEntityRef | string,
    request: ChangeCreateRequest,
  ): Promise<ChangeRequestView> {
    return this.request('POST', `${entityPath(entityRef)}/changes`, request);
  }

  async listChanges(
    options?: ChangeListOptions,
  ): Promise<{ items: ChangeRequestView[] }> {
    const query = new URLSearchParams();
    for (const state of [options?.state ?? []].flat()) {
      query.append('state', state);
    }
    if (options?.entityRef !== undefined) {
      query.set('entityRef', options.entityRef);
    }
    if (options?.awaiting !== undefined) {
      query.set('awaiting', options.awaiting);
    }
    if (options?.limit !== undefined) {
      query.set('limit', String(options.limit));
    }
    const search = query.toString();
    return this.request('GET', `/changes${search ? `?${search}` : ''}`);
  }

  async getChange(id: string): Promise<ChangeRequestView> {
    return this.request('GET', `/changes/${encodeURIComponent(id)}`);
  }

  async transitionChange(
    id: string,
    transition: ChangeTransition,
    request: ChangeTransitionRequest,
  ): Promise<ChangeRequestView> {
    return this.request(
      'POST',
      `/changes/${encodeURIComponent(id)}/${encodeURIComponent(transition)}`,
      request,
    );
  }

  async getChangeTypes(): Promise<{
    items: ChangeType[];
    policy: ChangeApprovalPolicy;
  }> {
    return this.request('GET', '/knowledge/change-types');
  }

  async listControls(): Promise<{ version: string; items: Control[] }> {
    return this.request('GET', '/knowledge/controls');
  }

  async getKnowledgeModel(): Promise<KnowledgeModelSummary> {
    return this.request('GET', '/knowledge/model');
  }

  async listAdvisories(options?: {
    malicious?: boolean;
  }): Promise<AdvisoriesResponse> {
    return this.request(
      'GET',
      `/advisories${queryOf({
        malicious:
          options?.malicious === undefined
            ? undefined
            : String(options.malicious),
      })}`,
    );
  }

  async getScorecards(options?: {
    groupBy?: ScorecardGroupBy;
  }): Promise<ScorecardList> {
    return this.request('GET', `/scorecards${queryOf(options)}`);
  }

  async getScorecard(
    groupRef: string,
    options?: { groupBy?: ScorecardGroupBy },
  ): Promise<ScorecardDetail> {
    // The ref holds a colon and a slash, which must stay inside one segment.
    return this.request(
      'GET',
      `/scorecards/${encodeURIComponent(groupRef)}${queryOf(options)}`,
    );
  }

  async getScorecardTrend(
    groupRef: string,
    options?: { groupBy?: ScorecardGroupBy; days?: number },
  ): Promise<{ items: ScorecardSnapshot[] }> {
    return this.request(
      'GET',
      `/scorecards/${encodeURIComponent(groupRef)}/trend${queryOf(options)}`,
    );
  }

  async downloadScorecardsCsv(options?: {
    groupBy?: ScorecardGroupBy;
  }): Promise<File> {
    return this.download(`/scorecards.csv${queryOf(options)}`);
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await this.send(method, path, body);
    return (await response.json()) as T;
  }

  /**
   * A file from the backend, named as the backend names it. Fetched rather
   * than linked to, since the backend needs the user's Backstage token,
   * which only fetchApi adds.
   */
  private async download(path: string): Promise<File> {
    return downloadedFile(await this.send('GET', path), path);
  }

  /** A successful response to the request; any other rejects with a ResponseError. */
  private async send(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
  ): Promise<Response> {
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
    return response;
  }
}

/** A query string of the defined options, in the order given; empty without any. */
function queryOf(options?: Record<string, string | number | undefined>) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value !== undefined) {
      query.set(key, String(value));
    }
  }
  const search = query.toString();
  return search ? `?${search}` : '';
}

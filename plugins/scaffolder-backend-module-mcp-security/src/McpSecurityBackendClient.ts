import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import {
  AdviseRequest,
  ApprovalRequirementsPolicy,
  Assessment,
  AssessmentView,
  ChangeCreateRequest,
  ChangeRequestView,
  ChangeTransition,
  ChangeTransitionRequest,
  ChangeType,
  entityPath,
} from '@mcp-server-operator/plugin-mcp-security-common';

/**
 * Calls the mcp-security backend on behalf of the user who runs a template,
 * so that its permission checks (owners request changes, readers read) apply
 * to the scaffolder exactly as to the UI. The engine stays in one place.
 */
export class McpSecurityBackendClient {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
    },
  ) {}

  /** A catalog server's current assessment, with its owner's decisions. */
  getAssessment(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<AssessmentView> {
    return this.request(
      credentials,
      'GET',
      `${entityPath(entityRef)}/assessment`,
    );
  }

  /** An assessment of a server that is not in the catalog; nothing is stored. */
  advise(
    request: AdviseRequest,
    credentials: BackstageCredentials,
  ): Promise<Assessment> {
    return this.request(credentials, 'POST', '/advise', request);
  }

  /** The change types of the knowledge base and the approval policy. */
  getChangeTypes(
    credentials: BackstageCredentials,
  ): Promise<{ items: ChangeType[]; policy: ApprovalRequirementsPolicy }> {
    return this.request(credentials, 'GET', '/knowledge/change-types');
  }

  /** A draft change request on a server; only a user may create one. */
  createChange(
    entityRef: string,
    request: ChangeCreateRequest,
    credentials: BackstageCredentials,
  ): Promise<ChangeRequestView> {
    return this.request(
      credentials,
      'POST',
      `${entityPath(entityRef)}/changes`,
      request,
    );
  }

  /** Moves a change request on, e.g. `submit`; `version` guards against a stale read. */
  transitionChange(
    id: string,
    transition: ChangeTransition,
    request: ChangeTransitionRequest,
    credentials: BackstageCredentials,
  ): Promise<ChangeRequestView> {
    return this.request(
      credentials,
      'POST',
      `/changes/${encodeURIComponent(id)}/${transition}`,
      request,
    );
  }

  private async request<T>(
    credentials: BackstageCredentials,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const { discovery, auth } = this.options;
    const [baseUrl, { token }] = await Promise.all([
      discovery.getBaseUrl('mcp-security'),
      auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'mcp-security',
      }),
    ]);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
    };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw await backendError(response);
    }
    return (await response.json()) as T;
  }
}

const BACKEND_ERRORS = {
  InputError,
  AuthenticationError,
  NotAllowedError,
  NotFoundError,
  ConflictError,
} as const;

/**
 * The backend's own error with its message ("… may not …", the field at
 * fault), rather than ResponseError's bare "Request failed with 403", so a
 * template run shows the user why. No cause is attached: it would only add
 * that bare status line to the message.
 */
async function backendError(response: Response): Promise<Error> {
  const error = await ResponseError.fromResponse(response);
  const Type = BACKEND_ERRORS[error.cause.name as keyof typeof BACKEND_ERRORS];
  return Type ? new Type(error.cause.message) : error;
}

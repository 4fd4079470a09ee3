import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { NotFoundError, ResponseError } from '@backstage/errors';
import {
  AssessmentView,
  ChangeRequestView,
  MaintenanceTaskView,
  entityPath,
} from '@mcp-server-operator/plugin-mcp-security-common';

/** A scheduled read must not hang a retriever's run on one slow answer. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Reads the mcp-security backend for other backend plugins and modules.
 *
 * @public
 */
export interface McpSecurityService {
  /**
   * A catalog server's current assessment with its owner's decisions and
   * residual risk; undefined when the backend has none (not an MCP server,
   * or unknown to the catalog).
   */
  getAssessment(entityRef: string): Promise<AssessmentView | undefined>;
  /** The server's scheduled maintenance tasks, soonest due first. */
  getMaintenance(entityRef: string): Promise<MaintenanceTaskView[]>;
  /** The server's change requests, in every state. */
  getChanges(entityRef: string): Promise<ChangeRequestView[]>;
}

/**
 * Calls the mcp-security backend as the calling plugin's own service
 * principal: fact retrievers and metric providers run on a schedule, with no
 * user behind them, and only read.
 *
 * @public
 */
export class McpSecurityClient implements McpSecurityService {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
    },
  ) {}

  async getAssessment(entityRef: string): Promise<AssessmentView | undefined> {
    try {
      return await this.get<AssessmentView>(
        `${entityPath(entityRef)}/assessment`,
      );
    } catch (error) {
      if (error instanceof NotFoundError) {
        return undefined;
      }
      throw error;
    }
  }

  async getMaintenance(entityRef: string): Promise<MaintenanceTaskView[]> {
    const { items } = await this.get<{ items: MaintenanceTaskView[] }>(
      `${entityPath(entityRef)}/maintenance`,
    );
    return items;
  }

  async getChanges(entityRef: string): Promise<ChangeRequestView[]> {
    const { items } = await this.get<{ items: ChangeRequestView[] }>(
      `${entityPath(entityRef)}/changes`,
    );
    return items;
  }

  private async get<T>(path: string): Promise<T> {
    const { discovery, auth } = this.options;
    const [baseUrl, { token }] = await Promise.all([
      discovery.getBaseUrl('mcp-security'),
      auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'mcp-security',
      }),
    ]);
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (response.status === 404) {
      throw new NotFoundError(`${path} not found in mcp-security`);
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

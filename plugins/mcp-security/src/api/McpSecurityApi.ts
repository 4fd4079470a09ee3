import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  AssessmentSummary,
  AssessmentView,
  Control,
  KnowledgeModelSummary,
  MaintenanceCompletion,
  MaintenanceCompletionRequest,
  MaintenanceTaskView,
  RecommendationDecisionRequest,
} from '@mcp-server-operator/plugin-mcp-security-common';

/**
 * Reads MCP Security data from the mcp-security backend and records the
 * owner's decisions on it.
 *
 * Every method rejects with a `ResponseError` carrying the backend error:
 * `NotFoundError` when the entity is unknown or is not an MCP server,
 * `NotAllowedError` when the user lacks the permission for a change,
 * `ConflictError` when a maintenance task no longer applies to the server.
 *
 * @public
 */
export interface McpSecurityApi {
  /** The latest assessment of an MCP server in the catalog, with the owner's decisions and the residual risk. */
  getAssessment(entityRef: CompoundEntityRef | string): Promise<AssessmentView>;

  /** The past assessments of an MCP server, newest first. */
  getAssessmentHistory(
    entityRef: CompoundEntityRef | string,
    options?: { limit?: number },
  ): Promise<{ items: AssessmentSummary[] }>;

  /** Re-assesses an MCP server now; needs `mcp-security.assessment.refresh` on the entity. */
  refreshAssessment(
    entityRef: CompoundEntityRef | string,
  ): Promise<AssessmentView>;

  /**
   * Records the owner's decision on one recommendation and answers with the
   * assessment as it now stands; needs `mcp-security.recommendation.update`
   * on the entity. Dismissing needs a `note` giving the reason.
   */
  decideRecommendation(
    entityRef: CompoundEntityRef | string,
    controlId: string,
    request: RecommendationDecisionRequest,
  ): Promise<AssessmentView>;

  /** The scheduled maintenance tasks of an MCP server, soonest due first. */
  getMaintenance(
    entityRef: CompoundEntityRef | string,
  ): Promise<{ items: MaintenanceTaskView[] }>;

  /**
   * Records a completion of a maintenance task, which starts its next cycle,
   * and answers with the task as it now stands; needs
   * `mcp-security.maintenance.complete` on the entity. The evidence is always
   * required: what was checked and found, or why the task was skipped.
   */
  completeMaintenanceTask(
    entityRef: CompoundEntityRef | string,
    taskId: string,
    request: MaintenanceCompletionRequest,
  ): Promise<MaintenanceTaskView>;

  /** The recorded completions of an MCP server's maintenance tasks, newest first. */
  getMaintenanceCompletions(
    entityRef: CompoundEntityRef | string,
    options?: { taskId?: string; limit?: number },
  ): Promise<{ items: MaintenanceCompletion[] }>;

  /** The maintenance schedule as an iCalendar file, one recurring event per task. */
  downloadMaintenanceCalendar(
    entityRef: CompoundEntityRef | string,
  ): Promise<Blob>;

  /** Every control of the knowledge base, with the knowledge base's version. */
  listControls(): Promise<{ version: string; items: Control[] }>;

  /**
   * What the UI needs of the scoring model to explain an assessment: the
   * lowest score of each risk level, the assurance levels and the guidance
   * types. An organisation may override any of them in its knowledge base.
   */
  getKnowledgeModel(): Promise<KnowledgeModelSummary>;
}

/**
 * The API reference for {@link McpSecurityApi}.
 *
 * @public
 */
export const mcpSecurityApiRef = createApiRef<McpSecurityApi>().with({
  id: 'plugin.mcp-security.api',
  pluginId: 'mcp-security',
});

import {
  MaintenancePlanItem,
  Recommendation,
  RiskLevel,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { ConditionFacts } from '../knowledge/conditionFacts';
import {
  ControlDefinition,
  MaintenanceTaskDefinition,
} from '../knowledge/schema';
import { matches } from './facts';

/** The controls whose conditions hold for this server, most urgent first, at its assurance level's priority. */
export function recommend(
  controls: ControlDefinition[],
  facts: ConditionFacts,
): Recommendation[] {
  const level = facts.assuranceLevel as keyof ControlDefinition['priority'];
  return controls
    .filter(control => matches(control.conditions, facts))
    .map(control => ({
      controlId: control.id,
      title: control.title,
      category: control.category,
      priority: control.priority[level],
      rationale: control.rationale,
      steps: control.steps,
      verification: control.verification,
      references: control.references,
      mitigates: control.mitigates,
      ...(control.template ? { template: control.template } : {}),
    }))
    .sort(
      (a, b) =>
        a.priority.localeCompare(b.priority) ||
        a.category.localeCompare(b.category) ||
        a.controlId.localeCompare(b.controlId),
    );
}

/** The maintenance tasks whose conditions hold, at the cadence for the server's risk level. */
export function maintenancePlanOf(
  tasks: MaintenanceTaskDefinition[],
  facts: ConditionFacts,
): MaintenancePlanItem[] {
  const level = facts.riskLevel as RiskLevel;
  return tasks
    .filter(task => matches(task.conditions, facts))
    .map(task => ({ taskId: task.id, cadence: task.cadence[level] }))
    .sort((a, b) => a.taskId.localeCompare(b.taskId));
}

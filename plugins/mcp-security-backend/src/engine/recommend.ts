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

/**
 * The controls whose conditions hold for this server, most urgent first, at
 * its assurance level's priority; within a priority, controls marked `first`
 * lead.
 */
export function recommend(
  controls: ControlDefinition[],
  facts: ConditionFacts,
): Recommendation[] {
  const level = facts.assuranceLevel as keyof ControlDefinition['priority'];
  const first = new Set(controls.filter(c => c.first).map(c => c.id));
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
        Number(first.has(b.controlId)) - Number(first.has(a.controlId)) ||
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

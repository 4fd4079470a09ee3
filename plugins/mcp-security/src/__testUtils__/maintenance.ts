import {
  MaintenanceCompletion,
  MaintenanceTaskView,
} from '@mcp-server-operator/plugin-mcp-security-common';

const DAY = 24 * 60 * 60 * 1000;
const loadedAt = Date.now();

/**
 * The moment `days` days from when the test file loaded. The UI counts from
 * the real clock, so the fixtures do too; the fractions of a day keep every
 * "due in N days" clear of a boundary for the whole run.
 */
export function daysFromNow(days: number): string {
  return new Date(loadedAt + days * DAY).toISOString();
}

/** A maintenance task with the fields a test does not look at filled in. */
export function maintenanceTaskOf(
  task: Pick<
    MaintenanceTaskView,
    'taskId' | 'title' | 'cadence' | 'status' | 'nextDueAt'
  > &
    Partial<MaintenanceTaskView>,
): MaintenanceTaskView {
  return {
    area: 'operations',
    rationale: `Why ${task.title}`,
    procedure: [],
    evidence: `What ${task.title} found`,
    firstAppliedAt: daysFromNow(-60),
    ...task,
  };
}

/**
 * The schedule of the filesystem server as the backend serves it, soonest
 * due first: two overdue tasks, one due soon, and upcoming ones whose due
 * dates do not follow their cadences' order.
 */
export const maintenanceTasks: MaintenanceTaskView[] = [
  maintenanceTaskOf({
    taskId: 'review-agent-access',
    title: 'Review which agents can call the server',
    area: 'access',
    cadence: 'weekly',
    status: 'overdue',
    rationale: 'Access **accumulates**: old agents keep their tokens.',
    procedure: [
      'List the clients:\n\n```sh\nkubectl get secrets -l mcp-client\n```',
      'Revoke the tokens of clients nobody uses.',
    ],
    evidence: 'The clients found and every token revoked.',
    lastCompletedAt: daysFromNow(-10.1),
    nextDueAt: daysFromNow(-3.1),
  }),
  maintenanceTaskOf({
    taskId: 'rotate-credentials',
    title: "Rotate the server's credentials",
    area: 'access',
    cadence: 'monthly',
    status: 'overdue',
    nextDueAt: daysFromNow(-1.5),
  }),
  maintenanceTaskOf({
    taskId: 'scan-prompt-injection',
    title: 'Scan the logs for prompt injection',
    area: 'monitoring',
    cadence: 'daily',
    status: 'due-soon',
    nextDueAt: daysFromNow(0.5),
  }),
  maintenanceTaskOf({
    taskId: 'check-tool-drift',
    title: 'Compare the tool descriptions with the approved ones',
    cadence: 'weekly',
    status: 'upcoming',
    nextDueAt: daysFromNow(5.25),
  }),
  maintenanceTaskOf({
    taskId: 'review-financial-limits',
    title: 'Review the financial limits',
    cadence: 'quarterly',
    status: 'upcoming',
    nextDueAt: daysFromNow(8.25),
  }),
  maintenanceTaskOf({
    taskId: 'update-dependencies',
    title: "Update the server's dependencies",
    cadence: 'monthly',
    status: 'upcoming',
    nextDueAt: daysFromNow(9.25),
  }),
];

/** Completions of the filesystem server's tasks, newest first; one of a task that no longer applies. */
export const maintenanceCompletions: MaintenanceCompletion[] = [
  {
    taskId: 'review-agent-access',
    outcome: 'done-with-issues',
    evidence: 'Revoked the token of the retired CI agent.',
    completedBy: 'user:default/jane',
    completedAt: '2026-11-10T09:00:00.000Z',
    cadence: 'weekly',
  },
  {
    taskId: 'retired-task',
    outcome: 'skipped-with-reason',
    evidence: 'The server was down for its migration.',
    completedBy: 'user:default/alice',
    completedAt: '2026-11-01T09:00:00.000Z',
    cadence: 'monthly',
  },
];

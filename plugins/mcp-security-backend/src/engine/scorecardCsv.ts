import { ScorecardRow } from '@mcp-server-operator/plugin-mcp-security-common';

const COLUMNS: [string, (row: ScorecardRow) => string | number][] = [
  ['group', r => r.groupRef],
  ['level', r => r.level?.title ?? ''],
  ['servers', r => r.servers],
  ['risk_low', r => r.risk.low],
  ['risk_medium', r => r.risk.medium],
  ['risk_high', r => r.risk.high],
  ['risk_critical', r => r.risk.critical],
  ['trust_trusted', r => r.trust.trusted],
  ['trust_community', r => r.trust.community],
  ['trust_unknown', r => r.trust.unknown],
  ['coverage_percent', r => Math.round(r.coverage * 1000) / 10],
  ['open_p1', r => r.openP1],
  ['open_p2', r => r.openP2],
  ['mean_time_to_remediate_hours', r => r.meanTimeToRemediateHours ?? ''],
  ['overdue_maintenance', r => r.overdueMaintenance],
  ['pending_approvals', r => r.pendingApprovals],
  ['stale_approvals', r => r.staleApprovals],
  ['emergency_without_review', r => r.emergencyWithoutReview],
  ['servers_running_malicious_packages', r => r.maliciousServers],
  ['servers_running_known_vulnerabilities', r => r.vulnerableServers],
];

/** RFC 4180: quote fields with commas, quotes or line breaks; double inner quotes. */
function field(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The scorecards as CSV, one row per group, for spreadsheets. */
export function scorecardCsv(rows: ScorecardRow[]): string {
  const lines = [
    COLUMNS.map(([name]) => name).join(','),
    ...rows.map(row => COLUMNS.map(([, value]) => field(value(row))).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

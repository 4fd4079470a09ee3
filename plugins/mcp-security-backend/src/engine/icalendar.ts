import { MaintenanceTaskView } from '@mcp-server-operator/plugin-mcp-security-common';

const RRULE = {
  daily: 'FREQ=DAILY',
  weekly: 'FREQ=WEEKLY',
  monthly: 'FREQ=MONTHLY',
  quarterly: 'FREQ=MONTHLY;INTERVAL=3',
} as const;

/** RFC 5545 text: backslash, semicolon, comma and newlines escaped. */
function text(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

/** UTC date-time in the basic format, e.g. 20261121T093000Z. */
function utc(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1). */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + (parts.length === 0 ? 75 : 74), bytes.length);
    // Never split a multi-byte character.
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
  }
  return parts.join('\r\n ');
}

/**
 * The schedule as an iCalendar file: one recurring event per task, starting
 * at its next due date and repeating at its cadence, in UTC.
 */
export function maintenanceCalendar(options: {
  entityRef: string;
  serverTitle: string;
  tasks: MaintenanceTaskView[];
  link: string;
  now: Date;
}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//MCP Server Operator//MCP Security maintenance//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${text(`MCP maintenance: ${options.serverTitle}`)}`,
  ];
  for (const task of options.tasks) {
    const description = [
      ...task.procedure.map((step, i) => `${i + 1}. ${step}`),
      '',
      `Evidence: ${task.evidence}`,
      `Record it: ${options.link}`,
    ].join('\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${text(`${task.taskId}.${options.entityRef}@mcp-security`)}`,
      `DTSTAMP:${utc(options.now.toISOString())}`,
      `DTSTART:${utc(task.nextDueAt)}`,
      'DURATION:PT1H',
      `RRULE:${RRULE[task.cadence]}`,
      `SUMMARY:${text(`${task.title} (${options.serverTitle})`)}`,
      `DESCRIPTION:${text(description)}`,
      `URL:${options.link}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

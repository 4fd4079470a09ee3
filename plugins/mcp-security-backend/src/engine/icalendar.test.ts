import { MaintenanceTaskView } from '@mcp-server-operator/plugin-mcp-security-common';
import { maintenanceCalendar } from './icalendar';

const task: MaintenanceTaskView = {
  taskId: 'review-access',
  title: 'Review who can call the server; prune stale grants, keys',
  area: 'access',
  cadence: 'quarterly',
  rationale: 'r',
  procedure: ['List the clients', 'Remove unused ones \\ rotate keys'],
  evidence: 'The list before and after',
  firstAppliedAt: '2026-11-01T00:00:00.000Z',
  nextDueAt: '2026-12-01T09:30:00.000Z',
  status: 'upcoming',
};

function unfold(ics: string) {
  return ics.replace(/\r\n /g, '');
}

describe('maintenanceCalendar', () => {
  const ics = maintenanceCalendar({
    entityRef: 'api:default/filesystem',
    serverTitle: 'Filesystem (shared drive)',
    tasks: [task],
    link: '/catalog/default/api/filesystem/mcp-security',
    now: new Date('2026-11-21T10:00:00.000Z'),
  });

  it('writes one recurring UTC event per task with CRLF line ends', () => {
    const lines = unfold(ics).split('\r\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'DTSTART:20261201T093000Z',
        'DTSTAMP:20261121T100000Z',
        'RRULE:FREQ=MONTHLY;INTERVAL=3',
        'UID:review-access.api:default/filesystem@mcp-security',
        'END:VCALENDAR',
      ]),
    );
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('escapes text and folds long lines at 75 octets', () => {
    const unfolded = unfold(ics);
    expect(unfolded).toContain(
      'SUMMARY:Review who can call the server\\; prune stale grants\\, keys (Filesystem (shared drive))',
    );
    expect(unfolded).toContain('2. Remove unused ones \\\\ rotate keys\\n');
    for (const line of ics.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
  });
});

import { addCadence, dueStatus } from './schedule';

const at = (iso: string) => new Date(iso);

describe('addCadence', () => {
  it.each([
    ['2026-11-21T09:30:00.000Z', 'daily', '2026-11-22T09:30:00.000Z'],
    ['2026-11-21T09:30:00.000Z', 'weekly', '2026-11-28T09:30:00.000Z'],
    ['2026-11-21T09:30:00.000Z', 'monthly', '2026-12-21T09:30:00.000Z'],
    ['2026-12-15T00:00:00.000Z', 'monthly', '2027-01-15T00:00:00.000Z'],
    ['2027-01-31T12:00:00.000Z', 'monthly', '2027-02-28T12:00:00.000Z'],
    ['2028-01-31T12:00:00.000Z', 'monthly', '2028-02-29T12:00:00.000Z'],
    ['2026-11-30T08:00:00.000Z', 'quarterly', '2027-02-28T08:00:00.000Z'],
  ] as const)('%s + %s = %s', (from, cadence, expected) => {
    expect(addCadence(at(from), cadence).toISOString()).toBe(expected);
  });

  it('gives the same instants in any host time zone, across daylight-saving changes', () => {
    const original = process.env.TZ;
    const results: string[][] = [];
    try {
      for (const zone of [
        'UTC',
        'Europe/Berlin',
        'America/New_York',
        'Pacific/Auckland',
      ]) {
        process.env.TZ = zone;
        // Both cycles cross a DST change in Berlin and New York (late March / early November).
        results.push([
          addCadence(at('2026-03-20T23:30:00.000Z'), 'weekly').toISOString(),
          addCadence(at('2026-10-31T23:30:00.000Z'), 'monthly').toISOString(),
          addCadence(at('2026-10-25T00:30:00.000Z'), 'daily').toISOString(),
        ]);
      }
    } finally {
      process.env.TZ = original;
    }
    expect(new Date('2026-11-21T12:00:00Z').getTimezoneOffset()).toBe(0);
    expect(new Set(results.map(r => r.join()))).toEqual(
      new Set([
        [
          '2026-03-27T23:30:00.000Z',
          '2026-11-30T23:30:00.000Z',
          '2026-10-26T00:30:00.000Z',
        ].join(),
      ]),
    );
  });
});

describe('dueStatus', () => {
  const now = at('2026-11-21T12:00:00Z');
  it.each([
    ['2026-11-21T11:59:59Z', 'monthly', 'overdue'],
    ['2026-11-25T12:00:00Z', 'monthly', 'due-soon'],
    ['2026-12-01T12:00:00Z', 'monthly', 'upcoming'],
    ['2026-11-22T12:00:00Z', 'weekly', 'due-soon'],
    ['2026-11-24T12:00:00Z', 'weekly', 'upcoming'],
    ['2026-11-21T17:00:00Z', 'daily', 'due-soon'],
    ['2026-11-22T11:00:00Z', 'daily', 'upcoming'],
  ] as const)('%s with a %s cadence is %s', (due, cadence, status) => {
    expect(dueStatus(at(due), cadence, now)).toBe(status);
  });
});

describe('addCadence several times over', () => {
  const from = new Date('2026-01-31T09:30:00.000Z');

  it.each([
    ['daily', 1, '2026-02-01T09:30:00.000Z'],
    ['weekly', 2, '2026-02-14T09:30:00.000Z'],
    // Clamped to the end of a shorter month, in UTC, at the same time of day.
    ['monthly', 1, '2026-02-28T09:30:00.000Z'],
    // Counted from the 31st each time, so March keeps its 31st.
    ['monthly', 2, '2026-03-31T09:30:00.000Z'],
    ['quarterly', 1, '2026-04-30T09:30:00.000Z'],
    ['quarterly', 4, '2027-01-31T09:30:00.000Z'],
  ] as const)('adds %s × %s', (cadence, times, expected) => {
    expect(addCadence(from, cadence, times).toISOString()).toBe(expected);
  });
});

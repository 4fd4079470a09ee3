import { render, screen } from '@testing-library/react';
import { MaintenanceDueChip } from './MaintenanceDueChip';

const now = new Date('2026-11-20T12:00:00.000Z');

describe('MaintenanceDueChip', () => {
  it.each([
    ['2026-11-17T09:00:00.000Z', 'Overdue by 3 days'],
    ['2026-11-19T12:00:00.000Z', 'Overdue by 1 day'],
    ['2026-11-20T08:00:00.000Z', 'Overdue by less than a day'],
  ])('says how late an overdue task due %s is', (nextDueAt, label) => {
    render(
      <MaintenanceDueChip status="overdue" nextDueAt={nextDueAt} now={now} />,
    );

    expect(screen.getByText(label)).toBeInTheDocument();
  });

  it.each([
    ['due-soon', '2026-11-20T18:00:00.000Z', 'Due within a day'],
    ['due-soon', '2026-11-22T13:00:00.000Z', 'Due in 2 days'],
    ['upcoming', '2027-02-20T12:00:00.000Z', 'Due in 92 days'],
  ] as const)(
    'says how soon a %s task due %s is',
    (status, nextDueAt, label) => {
      render(
        <MaintenanceDueChip status={status} nextDueAt={nextDueAt} now={now} />,
      );

      expect(screen.getByText(label)).toBeInTheDocument();
    },
  );

  it('colours each status with a class of its own', () => {
    render(
      <>
        <MaintenanceDueChip
          status="overdue"
          nextDueAt="2026-11-17T09:00:00.000Z"
          now={now}
        />
        <MaintenanceDueChip
          status="due-soon"
          nextDueAt="2026-11-22T13:00:00.000Z"
          now={now}
        />
      </>,
    );

    // jsdom's cascade ignores the order of style sheets, so MUI's own chip
    // colour would win in getComputedStyle: check the class that sets ours.
    expect(
      screen.getByText('Overdue by 3 days').closest('.MuiChip-root')?.className,
    ).toMatch(/\boverdue\b/);
    expect(
      screen.getByText('Due in 2 days').closest('.MuiChip-root')?.className,
    ).toMatch(/\bdue-soon\b/);
  });
});

import { changeCreateRequestSchema } from './requests';

const change = {
  changeType: 'code-deployment',
  title: 'Upgrade',
  description: 'To 0.7.0',
  rollbackPlan: 'Redeploy 0.6.3',
};

describe('changeCreateRequestSchema', () => {
  it('compares the planned window as instants, whatever the offsets', () => {
    // 10:00+09:00 is 01:00Z, four hours before the start.
    const endBeforeStart = changeCreateRequestSchema.safeParse({
      ...change,
      plannedStart: '2027-01-01T05:00:00Z',
      plannedEnd: '2027-01-01T10:00:00+09:00',
    });
    expect(endBeforeStart.success).toBe(false);
    expect(endBeforeStart.error?.issues).toEqual([
      expect.objectContaining({
        path: ['plannedEnd'],
        message: 'must not be before plannedStart',
      }),
    ]);
    // 10:00+09:00 is 01:00Z, before 05:00Z: a valid window.
    expect(
      changeCreateRequestSchema.safeParse({
        ...change,
        plannedStart: '2027-01-01T10:00:00+09:00',
        plannedEnd: '2027-01-01T05:00:00Z',
      }).success,
    ).toBe(true);
  });
});

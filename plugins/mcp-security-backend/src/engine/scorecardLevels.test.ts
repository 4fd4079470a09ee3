import { builtinKnowledge } from '../__testUtils__/knowledge';
import { withLevel } from './scorecardLevels';
import { scorecardCsv } from './scorecardCsv';

const figures = {
  groupRef: 'group:default/team-a',
  servers: 4,
  risk: { low: 2, medium: 1, high: 1, critical: 0 },
  trust: { trusted: 3, community: 1, unknown: 0 },
  covered: 4,
  coverage: 1,
  openP1: 2,
  openP2: 5,
  overdueMaintenance: 1,
  pendingApprovals: 1,
  staleApprovals: 0,
  emergencyWithoutReview: 0,
  maliciousServers: 0,
  vulnerableServers: 1,
};

describe('withLevel', () => {
  it('gives the highest level met and what the next one still asks', async () => {
    const { scorecardLevels } = await builtinKnowledge();
    expect(withLevel(figures, scorecardLevels)).toMatchObject({
      level: { id: 'silver', title: 'Silver' },
      nextLevel: {
        id: 'gold',
        unmet: [
          'at most 0 open P1 recommendations (now 2)',
          'at most 0 overdue maintenance tasks (now 1)',
        ],
      },
    });
  });

  it('gives no level to a group below the first', async () => {
    const { scorecardLevels } = await builtinKnowledge();
    const row = withLevel(
      { ...figures, coverage: 0.5, covered: 2 },
      scorecardLevels,
    );
    expect(row.level).toBeUndefined();
    expect(row.nextLevel).toMatchObject({
      id: 'bronze',
      unmet: ['coverage at least 90% (now 50%)'],
    });
  });
});

describe('scorecardCsv', () => {
  it('writes a header and one quoted-where-needed row per group', async () => {
    const { scorecardLevels } = await builtinKnowledge();
    const csv = scorecardCsv([
      withLevel(
        { ...figures, groupRef: 'group:default/a,"b"' },
        scorecardLevels,
      ),
    ]);
    const [header, row] = csv.trimEnd().split('\r\n');
    expect(header.split(',')).toHaveLength(20);
    expect(row).toBe(
      '"group:default/a,""b""",Silver,4,2,1,1,0,3,1,0,100,2,5,,1,1,0,0,0,1',
    );
  });
});

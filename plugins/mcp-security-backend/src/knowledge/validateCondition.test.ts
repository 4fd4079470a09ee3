import { validateCondition } from './validateCondition';

describe('validateCondition', () => {
  it('accepts conditions over known facts and values', () => {
    expect(
      validateCondition({
        $all: [
          { capabilities: { $contains: 'filesystem-write' } },
          { isolation: { $in: ['none', 'unknown'] } },
          { assuranceLevel: { $in: ['L3', 'l4'] } },
          { $not: { hasUnpinnedPackages: false } },
          {
            $any: [
              { deploymentContext: 'Production' },
              { lifecycle: { $hasPrefix: 'prod' } },
            ],
          },
        ],
      }),
    ).toEqual([]);
  });

  it.each([
    [
      { capabilties: { $contains: 'shell-exec' } },
      'capabilties: unknown field "capabilties"',
    ],
    [
      { capabilities: 'shell-exec' },
      'capabilities: capabilities is a list; test it with $contains',
    ],
    [
      { capabilities: { $contains: 'teleport' } },
      '"teleport" is not a value of capabilities',
    ],
    [{ isolation: 'docker' }, '"docker" is not a value of isolation'],
    [
      { isolation: { $in: ['none', 'jail'] } },
      'isolation.$in[1]: "jail" is not a value of isolation',
    ],
    [{ hasPackages: 'yes' }, 'hasPackages is true or false'],
    [{ exposure: { $contains: 'local' } }, '$contains needs a list field'],
    [{ isolation: { $gt: 1 } }, 'Invalid filter predicate'],
    [{ $every: [] }, 'Invalid filter predicate'],
  ])('rejects %j', (condition, problem) => {
    expect(validateCondition(condition).join('\n')).toContain(problem);
  });
});

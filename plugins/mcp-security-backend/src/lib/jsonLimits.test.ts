import { parseServerJson } from '../profile/serverJson';
import { JSON_LIMITS, jsonLimitProblem } from './jsonLimits';

/** `{"x": {"x": … value}}`, `levels` objects deep. */
function nested(levels: number, value: unknown = 1): unknown {
  let result = value;
  for (let i = 0; i < levels; i++) result = { x: result };
  return result;
}

describe('jsonLimitProblem', () => {
  it('accepts a document within every limit', () => {
    expect(
      jsonLimitProblem(
        { serverJson: { packages: [{ transport: nested(20) }] } },
        'body',
      ),
    ).toBeUndefined();
  });

  it('names the path where nesting goes too deep, however deep it goes', () => {
    const problem = jsonLimitProblem({ serverJson: nested(4100) }, 'body');
    expect(problem).toBe(
      `body.serverJson${'.x'.repeat(
        JSON_LIMITS.depth - 1,
      )} is nested deeper than 32 levels (limit 32)`,
    );
  });

  it('names arrays, objects, strings and keys that are too large', () => {
    expect(
      jsonLimitProblem({ packages: Array(101).fill({}) }, 'serverJson'),
    ).toBe('serverJson.packages has 101 items (limit 100)');
    expect(
      jsonLimitProblem(
        {
          mcpServers: Object.fromEntries(
            Array.from({ length: 201 }, (_, i) => [`s${i}`, {}]),
          ),
        },
        'clientConfig',
      ),
    ).toBe('clientConfig.mcpServers has 201 keys (limit 200)');
    expect(jsonLimitProblem({ args: ['a', 'x'.repeat(20_001)] }, 'input')).toBe(
      'input.args[1] is longer than 20000 characters (limit 20000)',
    );
    expect(
      jsonLimitProblem({ 'a b': { ['k'.repeat(20_001)]: 1 } }, 'body'),
    ).toBe('body["a b"] has a key longer than 20000 characters (limit 20000)');
  });

  it('bounds the values in all, so wide documents cannot fan out', () => {
    const wide = Array.from({ length: 60 }, () => Array(99).fill(0));
    expect(jsonLimitProblem({ wide }, 'body')).toBe(
      'body has more than 5000 values in all (limit 5000)',
    );
  });
});

describe('a server.json beyond the limits', () => {
  it('becomes a finding naming the path and the limit, not a crash', () => {
    const { serverJson, findings } = parseServerJson({
      status: 'read',
      target: 'https://example.com/server.json',
      // Written out rather than stringified: JSON.stringify of 4,100 levels
      // can exhaust a test worker's stack, the very failure under test.
      text: `{"name":"io.github.a/b","repository":${'{"x":'.repeat(
        4100,
      )}1${'}'.repeat(4100)}}`,
    });
    expect(serverJson).toBeUndefined();
    expect(findings).toEqual([
      expect.objectContaining({
        id: 'server-json-too-large',
        message: expect.stringContaining(
          'server.json.repository.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x is nested deeper than 32 levels (limit 32)',
        ),
      }),
    ]);
  });
});

import { builtinKnowledge } from '../__testUtils__/knowledge';
import { toolPoisoningRuleFileSchema } from './schema';

const rule = {
  id: 'sample',
  title: 'Sample',
  severity: 'high',
  why: 'Because.',
};

const problems = (entry: object) => {
  const parsed = toolPoisoningRuleFileSchema.safeParse({
    toolPoisoningRules: [entry],
  });
  return parsed.success
    ? []
    : parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
};

describe('tool poisoning rules in the knowledge base', () => {
  it('loads the built-in rules', async () => {
    const { toolPoisoningRules } = await builtinKnowledge();
    expect(toolPoisoningRules.map(r => r.id)).toEqual(
      expect.arrayContaining([
        'hidden-instruction-block',
        'override-instructions',
        'conceal-from-user',
        'secret-files',
        'tool-shadowing',
        'invisible-characters',
        'oversized-description',
      ]),
    );
  });

  it('accepts a pattern rule and a length rule', () => {
    expect(problems({ ...rule, pattern: '<important>' })).toEqual([]);
    expect(problems({ ...rule, maxLength: 100 })).toEqual([]);
  });

  it.each([
    [
      { ...rule },
      'toolPoisoningRules.0: needs exactly one of pattern and maxLength',
    ],
    [
      { ...rule, pattern: 'x', maxLength: 3 },
      'toolPoisoningRules.0: needs exactly one of pattern and maxLength',
    ],
    [
      { ...rule, pattern: '(' },
      'toolPoisoningRules.0.pattern: not a valid regular expression',
    ],
    [
      { ...rule, pattern: 'x', severity: 'severe' },
      'toolPoisoningRules.0.severity',
    ],
    [{ ...rule, pattern: 'x', extra: 1 }, 'toolPoisoningRules.0'],
  ])('rejects %j naming the path', (entry, expected) => {
    expect(problems(entry).join('\n')).toContain(expected);
  });
});

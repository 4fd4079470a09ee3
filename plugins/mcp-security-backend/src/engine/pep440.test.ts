import { comparePep440, isPep440 } from './pep440';

describe('comparePep440', () => {
  it('orders the specification’s example sequence', () => {
    // From PEP 440's "Summary of permitted suffixes and relative ordering".
    const ordered = [
      '1.0.dev456',
      '1.0a1',
      '1.0a2.dev456',
      '1.0a12.dev456',
      '1.0a12',
      '1.0b1.dev456',
      '1.0b2',
      '1.0b2.post345.dev456',
      '1.0b2.post345',
      '1.0rc1.dev456',
      '1.0rc1',
      '1.0',
      '1.0.post456.dev34',
      '1.0.post456',
      '1.1.dev1',
    ];
    const shuffled = [...ordered].reverse();
    expect(shuffled.sort(comparePep440)).toEqual(ordered);
  });

  it('treats trailing zeros, case, separators and epochs as PEP 440 does', () => {
    expect(comparePep440('1.0', '1.0.0')).toBe(0);
    expect(comparePep440('1.0RC1', '1.0rc1')).toBe(0);
    expect(comparePep440('1.0-1', '1.0.post1')).toBe(0);
    expect(comparePep440('1!0.1', '2025.9.25')).toBeGreaterThan(0);
    // Calendar versions as the reference servers use them.
    expect(comparePep440('2025.7.1', '2025.9.25')).toBeLessThan(0);
    expect(comparePep440('2025.10.1', '2025.9.25')).toBeGreaterThan(0);
  });

  it('recognises only PEP 440 versions', () => {
    expect(isPep440('2025.4.7')).toBe(true);
    expect(isPep440('1.0+local.1')).toBe(true);
    expect(isPep440('latest')).toBe(false);
    expect(isPep440('>=1.0')).toBe(false);
    expect(() => comparePep440('latest', '1.0')).toThrow(TypeError);
  });
});

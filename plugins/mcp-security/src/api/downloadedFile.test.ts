import { fileNameOf } from './downloadedFile';

describe('fileNameOf', () => {
  it.each([
    ['attachment; filename="report.csv"', 'report.csv'],
    ['attachment; filename=report.csv', 'report.csv'],
    ['attachment;filename = "a \\"quoted\\" name.ics"', 'a "quoted" name.ics'],
    // Express adds the UTF-8 form for names beyond ASCII; it wins.
    [
      `attachment; filename="caf?.ics"; filename*=UTF-8''caf%C3%A9.ics`,
      'café.ics',
    ],
    [`attachment; filename*=utf-8'en'r%C3%A9sum%C3%A9.csv`, 'résumé.csv'],
    // A malformed encoding falls back to the plain name.
    [
      `attachment; filename="plain.csv"; filename*=UTF-8''%E0%A4%A.csv`,
      'plain.csv',
    ],
    // Never a folder, whichever separator it uses.
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename="C:\\\\temp\\\\x.csv"', 'x.csv'],
  ])('reads %s', (header, name) => {
    expect(fileNameOf(header)).toBe(name);
  });

  it.each([null, '', 'attachment', 'inline', 'attachment; filename=""'])(
    'has no name in %p',
    header => {
      expect(fileNameOf(header)).toBeUndefined();
    },
  );
});

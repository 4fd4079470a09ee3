import { InputError } from '@backstage/errors';
import sarif from '../__fixtures__/findings/semgrep.sarif.json';
import cisco from '../__fixtures__/findings/cisco-mcp-scanner.raw.json';
import { parseReport } from './parseReport';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe('SARIF reports', () => {
  it('gives one finding per failing result, with the severity the score says', () => {
    const findings = parseReport('sarif', sarif).findings;
    expect(findings).toEqual([
      expect.objectContaining({
        sourceTool: 'Semgrep OSS',
        sourceVersion: '1.97.0',
        ruleId:
          'javascript.lang.security.detect-child-process.detect-child-process',
        // security-severity 9.8 outranks the level `error`.
        severity: 'critical',
        location: 'src/tools/run.ts:42',
        fingerprint: expect.stringMatching(/^matchBasedId\/v1=8f3d/),
      }),
      expect.objectContaining({
        ruleId: 'javascript.express.security.audit.xss.direct-response-write',
        severity: 'medium',
        message:
          'Detected directly writing to a Response object from user-defined input.',
        location: 'src/http.ts:17',
      }),
    ]);
  });

  it('derives a fingerprint from rule and location when the report has none, not from the message', () => {
    const report = clone(sarif);
    for (const result of report.runs[0].results) {
      delete (result as { fingerprints?: unknown }).fingerprints;
    }
    const reworded = clone(report);
    reworded.runs[0].results[0].message.text = 'Reworded by a newer version';
    const [first] = parseReport('sarif', report).findings;
    const [again] = parseReport('sarif', reworded).findings;
    expect(first.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(again.fingerprint).toBe(first.fingerprint);
  });

  it('names the tool of a run that found nothing', () => {
    const report = clone(sarif);
    report.runs[0].results = [];
    expect(parseReport('sarif', report)).toEqual({
      sourceTools: ['Semgrep OSS'],
      findings: [],
    });
  });

  it('leaves out results that are not failures', () => {
    const report = clone(sarif);
    (report.runs[0].results[1] as { kind?: string }).kind = 'pass';
    expect(parseReport('sarif', report).findings).toHaveLength(1);
  });

  it('refuses a report of another SARIF version, naming the JSON path', () => {
    expect(() => parseReport('sarif', { ...sarif, version: '2.0.0' })).toThrow(
      /report\.version/,
    );
  });

  it('refuses wrong types, naming the JSON path', () => {
    const report = clone(sarif) as any;
    report.runs[0].tool.driver.name = 42;
    report.runs[0].results[1].locations[0].physicalLocation.region.startLine =
      'seventeen';
    const error = (() => {
      try {
        parseReport('sarif', report);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error?.message).toContain('report.runs[0].tool.driver.name');
    expect(error?.message).toContain(
      'report.runs[0].results[1].locations[0].physicalLocation.region.startLine',
    );
  });

  it('refuses deep nesting before walking it', () => {
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const report = clone(sarif) as any;
    report.runs[0].results[0].properties = deep;
    expect(() => parseReport('sarif', report)).toThrow(
      /nested deeper than 32 levels/,
    );
  });

  it('refuses a report with too many values', () => {
    const report = clone(sarif) as any;
    report.runs[0].results = Array.from({ length: 10_001 }, () => ({}));
    expect(() => parseReport('sarif', report)).toThrow(
      /report\.runs\[0\]\.results has 10001 items/,
    );
  });
});

describe('Cisco mcp-scanner raw reports', () => {
  it('gives one finding per tool and analyzer that found a threat', () => {
    expect(parseReport('cisco-mcp-scanner', cisco)).toEqual({
      sourceTools: ['cisco-mcp-scanner'],
      findings: [
        expect.objectContaining({
          sourceTool: 'cisco-mcp-scanner',
          ruleId: 'yara_analyzer',
          severity: 'high',
          title: 'Instruction Manipulation (Direct Prompt Injection)',
          toolName: 'add',
        }),
        expect.objectContaining({
          ruleId: 'llm_analyzer',
          severity: 'medium',
          title: 'TOOL POISONING',
          message: expect.stringContaining('~/.ssh/id_rsa'),
          toolName: 'add',
        }),
      ],
    });
  });

  it('gives stable, distinct fingerprints', () => {
    const [a, b] = parseReport('cisco-mcp-scanner', cisco).findings;
    const [again] = parseReport('cisco-mcp-scanner', clone(cisco)).findings;
    expect(a.fingerprint).not.toBe(b.fingerprint);
    expect(again.fingerprint).toBe(a.fingerprint);
  });

  it('refuses an unknown severity, naming the JSON path', () => {
    const report = clone(cisco) as any;
    report.scan_results[0].findings.yara_analyzer.severity = 'SEVERE';
    expect(() => parseReport('cisco-mcp-scanner', report)).toThrow(
      /report\.scan_results\[0\]\.findings\.yara_analyzer\.severity/,
    );
  });

  it('refuses a SARIF log given as a Cisco report', () => {
    expect(() => parseReport('cisco-mcp-scanner', sarif)).toThrow(
      /report\.scan_results/,
    );
  });
});

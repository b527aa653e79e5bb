/**
 * JUnit XML for CI: a test suite per API, a test case per check (however many times it ran), its violations
 * (bounded, at most 10 per check and operation and "and N more like it") as the failure text. A check that
 * fails only with violations the baseline knows is reported skipped, with why.
 */
import type { ContractReport } from '../runner.ts';
import { apiSummary, short } from './group.ts';

export function junitReport(report: ContractReport): string {
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const suites = report.apis.map((api) => {
    const names = [...new Map(report.checks.filter((c) => c.api === api).map((c) => [c.check, c])).values()];
    let suiteFailures = 0;
    let suiteSkipped = 0;
    const cases = names.map((check) => {
      const runs = report.checks.filter((c) => c.api === api && c.check === check.check);
      const found = report.violations.filter((v) => v.api === api && v.check === check.check);
      const head = `    <testcase classname="${xml(`${api}.${check.operation}`)}" name="${xml(check.check)}"${runs.length > 1 ? ` assertions="${runs.length}"` : ''}`;
      if (found.length === 0) return `${head}/>`;
      const text = found.map((v) => `${v.known === true ? '(known) ' : ''}${v.message}${v.request ? `\nrequest: ${v.request.method} ${v.request.url}` : ''}${v.expected !== undefined ? `\nexpected: ${short(v.expected)}` : ''}${v.actual !== undefined ? `\nactual: ${short(v.actual)}` : ''}`).join('\n\n');
      if (found.every((v) => v.known === true)) {
        suiteSkipped++;
        return `${head}>\n      <skipped message="${xml(`known violations, accepted by the baseline: ${found[0]?.message ?? ''}`)}"/>\n      <system-out>${xml(text)}</system-out>\n    </testcase>`;
      }
      suiteFailures++;
      const first = found.find((v) => v.known !== true) ?? found[0];
      return `${head}>\n      <failure message="${xml(first?.message ?? check.check)}" type="${xml(check.kind)}">${xml(text)}</failure>\n    </testcase>`;
    });
    if (report.aborted !== undefined && !apiSummary(report, api).checked) {
      suiteFailures++;
      cases.push(`    <testcase classname="${xml(api)}" name="${xml(`${api}.not-checked`)}">\n      <error message="${xml(report.aborted.message)}" type="${xml(report.aborted.reason)}"/>\n    </testcase>`);
    }
    tests += cases.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    return `  <testsuite name="${xml(api)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="flowmock contract" tests="${tests}" failures="${failures}" skipped="${skipped}" time="${(report.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}

function xml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[\ud800-\udfff]/g, (c, i: number, s: string) => (isPaired(s, i) ? c : '\ufffd'))
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function isPaired(s: string, i: number): boolean {
  const code = s.charCodeAt(i);
  if (code <= 0xdbff) return i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
  return i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff;
}

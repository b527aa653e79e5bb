/** JUnit XML for CI: a test suite per API, a test case per check, its violations as the failure text. */
import type { ContractReport } from '../runner.ts';

export function junitReport(report: ContractReport): string {
  const suites = report.apis.map((api) => {
    const checks = report.checks.filter((c) => c.api === api);
    const cases = checks.map((check, i) => {
      const found = report.violations.filter((v) => v.api === api && v.check === check.check);
      const name = `${check.check} #${i + 1}`;
      if (check.violations === 0) return `    <testcase classname="${xml(`${api}.${check.operation}`)}" name="${xml(name)}"/>`;
      const text = found.map((v) => `${v.message}${v.request ? `\nrequest: ${v.request.method} ${v.request.url}` : ''}`).join('\n\n');
      return `    <testcase classname="${xml(`${api}.${check.operation}`)}" name="${xml(name)}">\n      <failure message="${xml(found[0]?.message ?? check.check)}" type="${check.kind}">${xml(text)}</failure>\n    </testcase>`;
    });
    const failures = checks.filter((c) => c.violations > 0).length;
    return `  <testsuite name="${xml(api)}" tests="${checks.length}" failures="${failures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const failures = report.checks.filter((c) => c.violations > 0).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="flowmock contract" tests="${report.checks.length}" failures="${failures}" time="${(report.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}

function xml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

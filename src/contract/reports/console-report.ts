/** The report a person reads: a line per API, every violation with its request, coverage gaps, a diagnosis. */
import type { ContractReport } from '../runner.ts';

export function consoleReport(report: ContractReport): string {
  const lines: string[] = [`flowmock contract: ${report.target} (${report.apis.join(', ')})`, ''];
  for (const api of report.apis) {
    const checks = report.checks.filter((c) => c.api === api);
    const failed = checks.filter((c) => c.violations > 0).length;
    lines.push(`${failed === 0 ? '✓' : '✗'} ${api.padEnd(10)} ${checks.length - failed}/${checks.length} checks hold`);
  }
  if (report.violations.length > 0) {
    lines.push('', `Violations (${report.violations.length}):`);
    for (const v of report.violations) {
      lines.push(`  ✗ [${v.api}] ${v.check} (${v.kind})`, `      ${v.message}`);
      if (v.request) lines.push(`      request: ${v.request.method} ${v.request.url}${v.request.body ? ` body ${v.request.body}` : ''}`);
      if (v.expected !== undefined) lines.push(`      expected: ${short(v.expected)}`);
      if (v.actual !== undefined) lines.push(`      actual:   ${short(v.actual)}`);
    }
  }
  const gaps = report.coverage.filter((c) => c.statusesNeverSeen.length > 0);
  if (gaps.length > 0) {
    lines.push('', 'Coverage: documented statuses never produced:');
    for (const c of gaps) lines.push(`  ${c.api} ${c.operation}: ${c.statusesNeverSeen.join(', ')} (seen: ${c.statusesSeen.join(', ')})`);
  }
  lines.push('', ...report.diagnosis, '', `${report.checks.filter((c) => c.violations === 0).length} passed, ${report.checks.filter((c) => c.violations > 0).length} failed (${report.violations.length} violations) in ${(report.durationMs / 1000).toFixed(1)} s`);
  return lines.join('\n') + '\n';
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/**
 * The report a person reads in a terminal: a line per API (checks that hold, response times), then the
 * violations grouped by API and check (at most 10 of a check on an operation, then "and N more like it"),
 * known ones apart, coverage gaps, the diagnosis, and a last line with the counts.
 */
import type { ContractReport } from '../runner.ts';
import { apiSummary, groupViolations, newViolationCount, short } from './group.ts';

export function consoleReport(report: ContractReport): string {
  return render(report).map(clean).join('\n') + '\n';
}

/**
 * A line as a terminal may show it: whatever came from the target could hold escape sequences (colours, a
 * moved cursor, a changed window title) or line breaks that fake a line of the report.
 */
function clean(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, '\ufffd').replace(/\n/g, ' ⏎ ');
}

function render(report: ContractReport): string[] {
  const lines: string[] = [`flowmock contract: ${report.target} (${report.apis.join(', ')})`, ''];
  for (const api of report.apis) {
    const s = apiSummary(report, api);
    if (!s.checked) {
      lines.push(`- ${api.padEnd(10)} not checked (the run stopped)`);
      continue;
    }
    lines.push(`${s.failed === 0 ? '✓' : '✗'} ${api.padEnd(10)} ${s.held}/${s.ran} checks hold${s.knownOnly > 0 ? `, ${s.knownOnly} fail as known` : ''}${s.timing === undefined ? '' : `   (${s.timing})`}`);
  }
  const groups = groupViolations(report);
  const fresh = groups.filter((g) => !g.known);
  const known = groups.filter((g) => g.known);
  if (fresh.length > 0) {
    lines.push('', `Violations (${fresh.reduce((n, g) => n + g.count, 0)}${report.baseline === undefined ? '' : ' new'}):`);
    for (const g of fresh) {
      lines.push(`  ✗ [${g.api}] ${g.check} (${g.kind})${g.count > 1 ? `: ${g.count} violations` : ''}`);
      for (const v of g.violations) {
        if (v.more !== undefined) {
          lines.push(`      … ${v.message}`);
          continue;
        }
        lines.push(`      ${v.known === true ? '(known) ' : ''}${v.message}`);
        if (v.request) lines.push(`      request: ${v.request.method} ${v.request.url}${v.request.body ? ` body ${short(v.request.body, 200)}` : ''}`);
        if (v.expected !== undefined) lines.push(`      expected: ${short(v.expected)}`);
        if (v.actual !== undefined) lines.push(`      actual:   ${short(v.actual)}`);
      }
    }
  }
  if (known.length > 0) {
    lines.push('', `Known violations, accepted by the baseline ${report.baseline?.file ?? ''} (${known.reduce((n, g) => n + g.count, 0)}):`);
    for (const g of known) lines.push(`  ≈ [${g.api}] ${g.check}: ${short(g.violations[0]?.message ?? '', 200)}${g.count > 1 ? ` (${g.count} like it)` : ''}`);
  }
  if (report.baseline !== undefined && report.baseline.gone.length > 0) {
    lines.push('', `Baseline entries not seen this time (fixed, or not reached): ${report.baseline.gone.length}; write a new baseline with --report baseline=PATH`);
  }
  const gaps = report.coverage.filter((c) => c.statusesNeverSeen.length > 0);
  if (gaps.length > 0) {
    lines.push('', 'Coverage: documented statuses never produced:');
    for (const c of gaps) lines.push(`  ${c.api} ${c.operation}: ${c.statusesNeverSeen.join(', ')} (seen: ${c.statusesSeen.join(', ') || 'none'})`);
  }
  const failedChecks = report.checks.filter((c) => c.violations > 0).length;
  const fresh_ = newViolationCount(report);
  lines.push('', ...report.diagnosis, '',
    `${report.checks.length - failedChecks} passed, ${failedChecks} failed (${report.violationCount} violations${report.baseline === undefined ? '' : `, ${fresh_} new`}) in ${(report.durationMs / 1000).toFixed(1)} s${report.aborted === undefined ? '' : `; stopped early (${report.aborted.reason})`}`);
  return lines;
}

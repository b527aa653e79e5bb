/** The report's violations grouped as every report shows them: by API, then by check, in the order found. */
import type { ApiName } from '../../apis.ts';
import type { ContractReport } from '../runner.ts';
import type { Violation } from '../violation.ts';

export interface ViolationGroup {
  readonly api: ApiName;
  readonly check: string;
  readonly kind: string;
  /** Listed violations, the summary entry ("and N more like it") last. */
  readonly violations: readonly Violation[];
  /** How many violations the group stands for. */
  readonly count: number;
  /** Every violation of the group is known to the baseline. */
  readonly known: boolean;
}

export function groupViolations(report: ContractReport): ViolationGroup[] {
  const groups = new Map<string, { api: ApiName; check: string; kind: string; violations: Violation[] }>();
  for (const api of report.apis) {
    for (const v of report.violations.filter((x) => x.api === api)) {
      const key = `${api} ${v.check}`;
      let group = groups.get(key);
      if (group === undefined) groups.set(key, (group = { api, check: v.check, kind: v.kind, violations: [] }));
      group.violations.push(v);
    }
  }
  return [...groups.values()].map((g) => ({
    ...g,
    count: g.violations.reduce((n, v) => n + (v.more ?? 1), 0),
    known: g.violations.every((v) => v.known === true),
  }));
}

/** One API's line: checks that hold, and how fast it answered. */
export function apiSummary(report: ContractReport, api: ApiName): { ran: number; held: number; failed: number; knownOnly: number; checked: boolean; timing?: string } {
  const checks = report.checks.filter((c) => c.api === api);
  const newFailing = new Set(report.violations.filter((v) => v.api === api && v.known !== true).map((v) => v.check));
  const knownFailing = new Set(report.violations.filter((v) => v.api === api && v.known === true).map((v) => v.check));
  const failed = checks.filter((c) => c.violations > 0 && (report.baseline === undefined || newFailing.has(c.check))).length;
  const knownOnly = checks.filter((c) => c.violations > 0 && report.baseline !== undefined && !newFailing.has(c.check) && knownFailing.has(c.check)).length;
  const t = report.timing.find((x) => x.api === api);
  return {
    ran: checks.length, held: checks.length - failed - knownOnly, failed, knownOnly,
    checked: !(report.aborted?.notChecked.includes(api) ?? false),
    ...(t === undefined ? {} : { timing: `${t.requests} requests, median ${fmtMs(t.p50Ms)}, p95 ${fmtMs(t.p95Ms)}, slowest ${fmtMs(t.maxMs)}` }),
  };
}

export function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** New violations (not known to the baseline), counting summarised ones. */
export function newViolationCount(report: ContractReport): number {
  return report.violations.filter((v) => v.known !== true).reduce((n, v) => n + (v.more ?? 1), 0);
}

/** A value shown in one line. */
export function short(value: unknown, max = 300): string {
  if (typeof value === 'object' && value !== null && 'excerpt' in value && 'sha256' in value) {
    const e = value as { excerpt: string; bytes: number; sha256: string };
    return `${e.excerpt} (${e.bytes} bytes, sha256 ${e.sha256.slice(0, 16)}…)`;
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === undefined ? String(value) : text.length > max ? `${text.slice(0, max)}…` : text;
}

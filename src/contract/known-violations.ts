/**
 * Baselines (`--baseline FILE`): violations accepted as known, so that a run fails only on new ones. A
 * baseline is written from a run (`--report baseline=PATH`) and read back by later runs.
 *
 * A violation is known when its fingerprint is in the baseline: a hash of its API, operation, check and
 * message, the message taken without what changes from run to run (the target's origin, ids, hashes and
 * numbers). So "pass_rate is 0.87 but … = 0.8712" stays the same known violation when the numbers move,
 * and a different defect of the same check is new.
 */
import { readFileSync } from 'node:fs';
import { sha256 } from './bounded.ts';
import { UsageError } from './target.ts';
import type { Violation } from './violation.ts';

export const BASELINE_FORMAT = 'flowmock-contract-baseline/1';

export interface BaselineEntry {
  readonly fingerprint: string;
  readonly api: string;
  readonly operation: string;
  readonly check: string;
  /** The message when the baseline was written (for people; only the fingerprint is compared). */
  readonly message: string;
}

export interface BaselineFile {
  readonly format: typeof BASELINE_FORMAT;
  readonly createdAt: string;
  readonly target: string;
  readonly violations: readonly BaselineEntry[];
}

/** The message without what varies between runs of the same defect. */
export function normaliseMessage(message: string): string {
  return message
    .replace(/https?:\/\/[^/\s]+/g, '')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/\b[0-9a-f]{16,}\b/gi, '<hex>')
    .replace(/\d+(\.\d+)?(e[+-]?\d+)?/gi, '#');
}

export function fingerprint(v: Pick<Violation, 'api' | 'operation' | 'check' | 'message'>): string {
  return sha256(`${v.api}|${v.operation}|${v.check}|${normaliseMessage(v.message)}`).slice(0, 20);
}

export function withFingerprints(violations: readonly Violation[]): Violation[] {
  return violations.map((v) => ({ ...v, fingerprint: v.fingerprint ?? fingerprint(v) }));
}

export function baselineOf(target: string, violations: readonly Violation[]): BaselineFile {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const v of violations) {
    const print = v.fingerprint ?? fingerprint(v);
    if (seen.has(print)) continue;
    seen.add(print);
    entries.push({ fingerprint: print, api: v.api, operation: v.operation, check: v.check, message: v.message });
  }
  return { format: BASELINE_FORMAT, createdAt: new Date().toISOString(), target, violations: entries };
}

export function readBaseline(file: string): BaselineFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--baseline ${file}: ${(error as Error).message}`);
  }
  const b = parsed as Partial<BaselineFile> | null;
  if (b === null || typeof b !== 'object' || b.format !== BASELINE_FORMAT || !Array.isArray(b.violations) || b.violations.some((e) => typeof e?.fingerprint !== 'string')) {
    throw new UsageError(`--baseline ${file}: not a baseline (write one with --report baseline=PATH)`);
  }
  return b as BaselineFile;
}

export interface BaselineOutcome {
  readonly file: string;
  /** Violations the baseline accepts (counting summarised ones). */
  readonly known: number;
  /** Violations not in the baseline. */
  readonly new: number;
  /** Baseline entries no longer seen: fixed, or not reached this time. */
  readonly gone: readonly BaselineEntry[];
}

/** Marks the violations the baseline knows. */
export function applyBaseline(file: string, baseline: BaselineFile, violations: readonly Violation[]): { violations: Violation[]; outcome: BaselineOutcome } {
  const accepted = new Set(baseline.violations.map((e) => e.fingerprint));
  const seen = new Set<string>();
  let known = 0;
  let fresh = 0;
  const marked = violations.map((v) => {
    const print = v.fingerprint ?? fingerprint(v);
    seen.add(print);
    const isKnown = accepted.has(print);
    if (isKnown) known += v.more ?? 1;
    else fresh += v.more ?? 1;
    return { ...v, fingerprint: print, known: isKnown };
  });
  return { violations: marked, outcome: { file, known, new: fresh, gone: baseline.violations.filter((e) => !seen.has(e.fingerprint)).slice(0, 200) } };
}

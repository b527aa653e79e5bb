/**
 * The contract suite as a library: `runContract(options)` (re-exported from the package root as
 * `import { runContract } from 'flowmock'`). It resolves the target, runs every check, applies a baseline,
 * writes the reports asked for, and returns the verdict as data. It never calls process.exit, installs no
 * signal handler and prints nothing: `flowmock contract` (src/cli/contract.ts) is a thin wrapper that prints
 * the console report and sets the exit code, and `npm run test:contract` runs the same engine.
 *
 * It never throws because of what the target does; it throws only on a bug of its own.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { useOwnFiles } from '../node/own-files.ts';
import { RunAborted, TargetUnreachable, Transport } from './http-client.ts';
import { applyBaseline, baselineOf, readBaseline, withFingerprints, type BaselineFile } from './known-violations.ts';
import type { ContractOptions } from './options.ts';
import { contractPhases } from './phases.ts';
import { consoleReport } from './reports/console-report.ts';
import { newViolationCount } from './reports/group.ts';
import { htmlReport } from './reports/html-report.ts';
import { junitReport } from './reports/junit-report.ts';
import { OPT_IN_CHECKS, runChecks, type ContractReport, type OptInCheck } from './runner.ts';
import { resolveTarget, UsageError, type Target } from './target.ts';
import { startPrismJudges } from './via-prism.ts';

export type { ContractOptions } from './options.ts';
export type { ContractReport } from './runner.ts';

/** Why a run could not give a verdict. */
export type ContractErrorKind = 'usage' | 'unreachable' | 'stopped-answering';

export interface ContractResult {
  /** 0: every check holds (or fails only as the baseline knows); 1: violations; 2: bad usage, or the target unreachable or no longer answering. */
  readonly exitCode: 0 | 1 | 2;
  /** The same in a word. */
  readonly outcome: 'passed' | 'failed' | ContractErrorKind;
  /** What the run found: absent only when no check could run (bad usage, the target unreachable at the start). */
  readonly report?: ContractReport;
  /** Why the run could not start or finish, in one line that says which (bad usage, unreachable, stopped answering). */
  readonly error?: { readonly kind: ContractErrorKind; readonly message: string };
  /** Files written (`reports`), absolute paths. */
  readonly written: readonly string[];
}

export async function runContract(options: ContractOptions): Promise<ContractResult> {
  useOwnFiles();
  let stopPrism: (() => Promise<void>) | undefined;
  let transport: Transport | undefined;
  try {
    const checks = usage(options);
    const baseline = options.baseline === undefined ? undefined : readBaseline(options.baseline);
    transport = new Transport({
      ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
      ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
      ...(options.deadlineMs === undefined ? {} : { deadlineMs: options.deadlineMs }),
    });
    let target: Target = await resolveTarget({
      baseUrl: options.baseUrl,
      ...(options.apis === undefined ? {} : { apis: options.apis }),
      ...(options.token === undefined ? {} : { token: options.token }),
      headers: options.headers ?? [],
      ...(options.fixtures === undefined ? {} : { fixturesFile: options.fixtures }),
      ...(options.adminToken === undefined ? {} : { adminToken: options.adminToken }),
      ...(options.maxResponseTimeMs === undefined ? {} : { maxResponseTimeMs: options.maxResponseTimeMs }),
      transport,
    });
    if (options.viaPrism === true) {
      const judges = await startPrismJudges(target);
      target = judges.target;
      stopPrism = judges.stop;
    }
    const raw = await runChecks(target, {
      stateful: options.stateful ?? true,
      checks,
      requireCoverage: options.requireCoverage ?? false,
      phases: await contractPhases(options),
    });
    const report = judge(raw, baseline, options.baseline);
    const aborted = report.aborted?.reason;
    const error = aborted === 'unreachable' || aborted === 'stopped-answering' ? { kind: aborted, message: report.aborted?.message ?? aborted } : undefined;
    const exitCode: 0 | 1 | 2 = error !== undefined ? 2 : newViolationCount(report) > 0 ? 1 : 0;
    const written = writeReports(options, report, exitCode);
    return { exitCode, outcome: error?.kind ?? (exitCode === 0 ? 'passed' : 'failed'), report, ...(error === undefined ? {} : { error }), written };
  } catch (error) {
    const kind: ContractErrorKind | undefined =
      error instanceof UsageError ? 'usage'
        : error instanceof TargetUnreachable ? 'unreachable'
          : error instanceof RunAborted ? (error.reason === 'stopped-answering' ? 'stopped-answering' : 'unreachable')
            : undefined;
    if (kind === undefined) throw error;
    const message = kind === 'unreachable' && error instanceof TargetUnreachable ? `the target is unreachable: ${error.message}` : (error as Error).message;
    return { exitCode: 2, outcome: kind, error: { kind, message }, written: [] };
  } finally {
    await stopPrism?.();
    transport?.close();
  }
}

/** Bad usage, found before anything is sent. Returns the opt-in checks asked for. */
function usage(options: ContractOptions): OptInCheck[] {
  if (typeof options.baseUrl !== 'string' || options.baseUrl === '') throw new UsageError('baseUrl (--base-url) is required');
  const positive = (value: number | undefined, flag: string) => {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) throw new UsageError(`${flag} ${String(value)}: give a whole number of at least 1`);
  };
  positive(options.requestTimeoutMs, '--request-timeout');
  positive(options.maxBodyBytes, '--max-body-bytes');
  positive(options.deadlineMs, '--deadline');
  positive(options.maxResponseTimeMs, '--max-response-time');
  const checks = (options.checks ?? []).map((c) => {
    if (!(OPT_IN_CHECKS as readonly string[]).includes(c)) throw new UsageError(`--check "${c}": choose from ${OPT_IN_CHECKS.join(', ')}`);
    return c as OptInCheck;
  });
  for (const [kind, path] of Object.entries(options.reports ?? {})) {
    if (path === undefined) continue;
    if (!['json', 'junit', 'html', 'baseline'].includes(kind)) throw new UsageError(`--report ${kind}=…: use junit, json, html or baseline`);
    const dir = dirname(resolve(path));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--report ${kind}=${path}: the folder ${dir} does not exist`);
  }
  return checks;
}

/** Fingerprints every violation and marks those the baseline knows. */
function judge(report: ContractReport, baseline: BaselineFile | undefined, file: string | undefined): ContractReport {
  const violations = withFingerprints(report.violations);
  if (baseline === undefined || file === undefined) return { ...report, violations };
  const applied = applyBaseline(file, baseline, violations);
  const known = applied.outcome.known;
  const diagnosis = [...report.diagnosis, `The baseline ${file} knows ${known} of the ${report.violationCount} violations; ${applied.outcome.new} ${applied.outcome.new === 1 ? 'is' : 'are'} new${applied.outcome.gone.length > 0 ? `, and ${applied.outcome.gone.length} of its entries did not occur` : ''}.`];
  return { ...report, violations: applied.violations, baseline: applied.outcome, diagnosis };
}

function writeReports(options: ContractOptions, report: ContractReport, exitCode: 0 | 1 | 2): string[] {
  const reports = (options.reports ?? {}) as { json?: string; junit?: string; html?: string; baseline?: string };
  const written: string[] = [];
  const write = (path: string | undefined, text: () => string) => {
    if (path === undefined) return;
    try {
      writeFileSync(path, text());
    } catch (error) {
      throw new UsageError(`cannot write the report ${path}: ${(error as Error).message}`);
    }
    written.push(resolve(path));
  };
  write(reports.json, () => `${JSON.stringify({ ...report, exitCode }, null, 2)}\n`);
  write(reports.junit, () => junitReport(report));
  write(reports.html, () => htmlReport(report, exitCode));
  write(reports.baseline, () => `${JSON.stringify(baselineOf(report.target, report.violations), null, 2)}\n`);
  return written;
}

export { consoleReport };

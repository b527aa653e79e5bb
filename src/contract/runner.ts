/**
 * Runs the contract suite's checks against a resolved target: for each API, the valid requests (schema), the
 * broken ones (negative), the credentials (auth), the documented semantics, the opt-in checks (`cors`,
 * `unsupported-method`), then any extra phases (generated requests, the oracle), and, with an admin API, a
 * stateful check; then the coverage gate when asked. Returns everything it found as data, never throws on
 * what the target does: a target that stops answering or a run past its deadline ends the run early, and the
 * report says so (`aborted`). The library entry (`runContract`, src/contract/run-contract.ts) resolves the
 * target, applies a baseline and writes reports around this.
 */
import type { ApiName } from '../apis.ts';
import { alloyContract } from './apis/alloy.ts';
import { b3osContract } from './apis/b3os.ts';
import type { ContractApi } from './apis/contract-api.ts';
import { multiplaiContract } from './apis/multiplai.ts';
import { onepinContract } from './apis/onepin.ts';
import { stackaiContract } from './apis/stackai.ts';
import { toCall } from './baseline.ts';
import { runAuthCases } from './checks/auth.ts';
import { runCorsCheck } from './checks/cors.ts';
import { runNegatives, specNegatives, type NegativeCase } from './checks/negative.ts';
import { runStateful } from './checks/stateful.ts';
import { runUnsupportedMethodCheck } from './checks/unsupported-method.ts';
import { CheckContext } from './context.ts';
import { CoverageRecorder, type ApiTiming, type OperationCoverage } from './coverage.ts';
import { RunAborted, type AbortReason } from './http-client.ts';
import type { BaselineOutcome } from './known-violations.ts';
import type { Target } from './target.ts';
import type { CheckRecord, Violation } from './violation.ts';

export const CONTRACT_APIS: Readonly<Record<ApiName, ContractApi>> = {
  alloy: alloyContract,
  stackai: stackaiContract,
  onepin: onepinContract,
  b3os: b3osContract,
  multiplai: multiplaiContract,
};

/** The opt-in checks of `--check`. */
export const OPT_IN_CHECKS = ['cors', 'unsupported-method'] as const;
export type OptInCheck = (typeof OPT_IN_CHECKS)[number];

export interface ContractReport {
  readonly target: string;
  readonly apis: readonly ApiName[];
  readonly startedAt: string;
  readonly durationMs: number;
  readonly checks: readonly CheckRecord[];
  /** Listed violations: at most 10 per check and operation, then one entry `more: N` ("and N more like it"). */
  readonly violations: readonly Violation[];
  /** Every violation found, listed or only counted. */
  readonly violationCount: number;
  readonly coverage: readonly OperationCoverage[];
  /** Response times per API (always measured; judged only with `--max-response-time`). */
  readonly timing: readonly ApiTiming[];
  /** Set when the run ended early: the target unreachable or no longer answering, or the deadline reached. */
  readonly aborted?: { readonly reason: AbortReason; readonly message: string; readonly notChecked: readonly ApiName[] };
  /** The limits the run had. */
  readonly limits: { readonly requestTimeoutMs: number; readonly maxBodyBytes: number; readonly deadlineMs: number; readonly maxResponseTimeMs?: number };
  /** Plain-words reading of the results, computed from them (e.g. "schemas hold, semantics do not: a static mock?"). */
  readonly diagnosis: readonly string[];
  /** With `--baseline`: how many violations it knows, how many are new, and its entries not seen this time. */
  readonly baseline?: BaselineOutcome;
}

/** Checks run after the per-API ones (src/contract/generative, src/contract/oracle), with the same contexts. */
export interface ContractPhase {
  readonly name: string;
  run(target: Target, contexts: ReadonlyMap<ApiName, CheckContext>, coverage: CoverageRecorder): Promise<void>;
}

export interface RunOptions {
  /** Add a run through the admin API and watch the counts (needs the admin API). Default true. */
  readonly stateful?: boolean;
  /** Opt-in checks to run too. */
  readonly checks?: readonly OptInCheck[];
  /** Every documented 2xx and 4xx status must have been produced (5xx is reported only). */
  readonly requireCoverage?: boolean;
  readonly phases?: readonly ContractPhase[];
}

export async function runChecks(target: Target, { stateful = true, checks: optIn = [], requireCoverage = false, phases = [] }: RunOptions = {}): Promise<ContractReport> {
  const started = Date.now();
  const coverage = new CoverageRecorder();
  const contexts = new Map<ApiName, CheckContext>();
  let aborted: { reason: AbortReason; message: string; notChecked: ApiName[] } | undefined;
  let current: CheckContext | undefined;
  try {
    for (const api of target.apis) {
      const contract = CONTRACT_APIS[api];
      const ctx = new CheckContext(target, api, contract.operationId, coverage);
      contexts.set(api, ctx);
      current = ctx;
      const baseline = contract.baseline(ctx);
      if (baseline === undefined) {
        await ctx.check('schema', `${api}.fixtures`, async () => ctx.fail(`the fixtures give nothing to call ${api} with (no flow in the first workspace)`));
        continue;
      }
      await ctx.check('schema', `${api}.valid-request`, async () => {
        const { request, response } = await ctx.call(toCall(ctx.op, baseline));
        ctx.expect(response.status === 200, `a valid request answered ${response.status}, expected 200`, { request, expected: 200, actual: response.status });
        ctx.expect(/^application\/json\b/.test(response.headers['content-type'] ?? ''), `Content-Type is "${response.headers['content-type'] ?? ''}", expected application/json`, { request, expected: 'application/json', actual: response.headers['content-type'] });
      });
      await runNegatives(ctx, [
        ...specNegatives(ctx, baseline, contract.validationStatus),
        ...contract.extraNegatives(ctx, baseline),
        { name: 'a body over 1 MiB', call: toCall(ctx.op, baseline, { body: JSON.stringify({ padding: 'x'.repeat(1024 * 1024) }) }), status: 413 },
        ...documentedOnly(ctx, 405, { name: 'a method this path does not answer (DELETE)', call: toCall(ctx.op, baseline, { method: 'DELETE' }), status: 405 }),
        ...documentedOnly(ctx, 415, { name: 'a body in a Content-Encoding no server knows', call: toCall(ctx.op, baseline, { body: '{}', headers: { ...baseline.headers, 'content-encoding': 'x-contract-unknown' } }), status: 415 }),
      ]);
      await runAuthCases(ctx, contract.authCases(ctx, baseline));
      await contract.semantics(ctx, baseline);
      if (optIn.includes('cors')) await runCorsCheck(ctx, baseline);
      if (optIn.includes('unsupported-method')) await runUnsupportedMethodCheck(ctx, baseline);
    }
    current = undefined;
    for (const phase of phases) await phase.run(target, contexts, coverage);
    if (stateful && target.hasAdminApi) await stateful_(target, contexts);
  } catch (error) {
    if (!(error instanceof RunAborted)) throw error;
    const notChecked = target.apis.filter((api) => !contexts.has(api));
    aborted = { reason: error.reason, message: error.message, notChecked };
    if (error.reason === 'deadline') {
      // The target was too slow to be checked within the deadline: that is a finding (exit 1), with what was not checked.
      const ctx = current ?? [...contexts.values()].at(-1);
      ctx?.record({
        api: ctx.api, operation: ctx.op.operationId, kind: 'operational', check: 'run.deadline',
        message: `${error.message} while checking ${ctx.api}${notChecked.length > 0 ? `; not checked: ${notChecked.join(', ')}` : ''}${slowest(coverage, target)}`,
      });
    }
  }
  const timing = coverage.timing(target.apis);
  const operations = coverage.report(target.apis);
  if (requireCoverage && aborted === undefined) gateCoverage(operations, contexts);
  const checks = [...contexts.values()].flatMap((ctx) => ctx.checks);
  const violations = [...contexts.values()].flatMap((ctx) => ctx.violations);
  const violationCount = [...contexts.values()].reduce((n, ctx) => n + ctx.found, 0);
  return {
    target: target.baseUrl,
    apis: target.apis,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    checks,
    violations,
    violationCount,
    coverage: operations,
    timing,
    ...(aborted === undefined ? {} : { aborted }),
    limits: {
      requestTimeoutMs: target.transport.requestTimeoutMs, maxBodyBytes: target.transport.maxBodyBytes, deadlineMs: target.transport.deadlineMs,
      ...(target.limits.maxResponseTimeMs === undefined ? {} : { maxResponseTimeMs: target.limits.maxResponseTimeMs }),
    },
    diagnosis: diagnose({ violations, aborted, requests: operations.reduce((n, c) => n + c.requests, 0) }),
  };
}

/** A negative case that only applies when the operation documents its status (older specs do not document 405 or 415). */
function documentedOnly(ctx: CheckContext, status: number, c: NegativeCase): NegativeCase[] {
  return String(status) in ctx.op.responses ? [c] : [];
}

/**
 * The stateful check. Each API's part (reading its count before and after) is its own check, and what goes
 * wrong there is that API's violation alone (src/contract/checks/stateful.ts); what goes wrong in the steps
 * they share (reading the target's clock, adding the run) concerns every API's count, so it is each one's.
 */
async function stateful_(target: Target, contexts: Map<ApiName, CheckContext>): Promise<void> {
  try {
    await runStateful(target, contexts);
  } catch (error) {
    if (error instanceof RunAborted) throw error;
    for (const [api, ctx] of contexts) await ctx.check('stateful', `${api}.counts-a-new-run`, async () => { throw error; });
  }
}

function slowest(coverage: CoverageRecorder, target: Target): string {
  const worst = coverage.timing(target.apis).sort((a, b) => b.maxMs - a.maxMs)[0];
  return worst === undefined ? '' : `; answers took up to ${Math.round(worst.maxMs)} ms (${worst.api}: median ${Math.round(worst.p50Ms)} ms over ${worst.requests} requests)`;
}

/** `--require-coverage`: every documented 2xx and 4xx status produced by some request; a 5xx cannot be provoked on a healthy target. */
function gateCoverage(operations: readonly OperationCoverage[], contexts: Map<ApiName, CheckContext>): void {
  for (const c of operations) {
    const ctx = contexts.get(c.api);
    if (ctx === undefined) continue;
    const missing = c.statusesNeverSeen.filter((s) => /^[24]\d\d$/.test(s) || /^[24]XX$/i.test(s));
    ctx.checks.push({ api: c.api, operation: c.operation, kind: 'coverage', check: `${c.api}.coverage`, violations: missing.length === 0 ? 0 : 1 });
    if (missing.length === 0) continue;
    ctx.record({
      api: c.api, operation: c.operation, kind: 'coverage', check: `${c.api}.coverage`,
      message: `documented status${missing.length === 1 ? '' : 'es'} ${missing.join(', ')} never produced by any request (--require-coverage; seen: ${c.statusesSeen.join(', ') || 'none'})`,
      expected: c.statusesDocumented.filter((s) => !/^5/.test(s)).join(', '), actual: c.statusesSeen.join(', '),
    });
  }
}

/** How many violations a listed entry stands for (a summary entry stands for `more`). */
export function weight(v: Violation): number {
  return v.more ?? 1;
}

/** Whether a violation concerns the shape of an answer: its schema, or the vendor's error envelope. */
export function isSchemaViolation(v: Violation): boolean {
  return v.kind === 'schema' || /\.(response-schema|error-envelope)$/.test(v.check);
}

/**
 * The diagnosis: sentences computed from the results, each a true statement about them. A sentence says
 * "every response matches its schema" only when no violation concerns a schema or an envelope and every
 * answer could be judged.
 */
export function diagnose({ violations, aborted, requests }: { violations: readonly Violation[]; aborted?: ContractReport['aborted']; requests: number }): string[] {
  const notes: string[] = [];
  const count = (pick: (v: Violation) => boolean) => violations.filter(pick).reduce((n, v) => n + weight(v), 0);
  // The checks that found a violation of a kind, as the list shows them (a check's record also counts the
  // schema problems of its own responses, and generated requests report under the check that owns the rule).
  const failedChecks = (kind: string) => new Set(violations.filter((v) => v.kind === kind).map((v) => `${v.api} ${v.check}`)).size;
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  if (aborted !== undefined && aborted.reason !== 'deadline') {
    notes.push(`The run stopped early: ${aborted.message}.${aborted.notChecked.length > 0 ? ` Not checked: ${aborted.notChecked.join(', ')}.` : ''} What ran is reported below; the verdict is incomplete.`);
  }
  const total = count(() => true);
  if (total === 0) {
    notes.push(aborted === undefined
      ? 'Every check holds: the target follows the specs and the documented semantics.'
      : 'No violation in the checks that ran.');
    return notes;
  }
  const schemas = count((v) => isSchemaViolation(v) && !/\.error-envelope$/.test(v.check));
  const envelopes = count((v) => /\.error-envelope$/.test(v.check));
  const http = count((v) => v.kind === 'http');
  const semantic = count((v) => v.kind === 'semantic');
  if (schemas + http === 0 && semantic > 0) {
    const shape = envelopes === 0
      ? `Every response matches its schema and error envelope (${plural(requests, 'request')} judged)`
      : `Every successful response matches its schema (error answers aside: see the envelopes below)`;
    notes.push(`${shape}, but ${plural(failedChecks('semantic'), 'semantic check')} fail (${plural(semantic, 'violation')}): `
      + 'the target answers with well-formed data that does not follow the documented arithmetic, ordering or filters. '
      + 'A static mock (such as Prism serving the specs\' examples) looks exactly like this: same shapes, numbers that ignore the request.');
  } else if (semantic > 0) {
    notes.push(`${plural(failedChecks('semantic'), 'semantic check')} fail (${plural(semantic, 'violation')}): numbers, ordering or filters that do not follow the documented semantics.`);
  }
  if (schemas > 0) notes.push(`${plural(schemas, 'response')} do${schemas === 1 ? 'es' : ''} not match ${schemas === 1 ? 'its' : 'their'} schema (a field missing, a wrong type, an undocumented status or content type).`);
  if (envelopes > 0) notes.push(`${plural(envelopes, 'error answer')} ${envelopes === 1 ? 'is' : 'are'} not in the vendor's documented error envelope (or not with a documented status).`);
  if (http > 0) notes.push(`${plural(http, 'request')} got no answer that could be judged: none at all (a timeout, a reset connection, not HTTP), a body cut at the cap, a body that is not valid JSON, or a redirect.`);
  const auth = count((v) => v.kind === 'auth' && !isSchemaViolation(v));
  if (auth > 0) notes.push(`${plural(auth, 'credential check')} fail${auth === 1 ? 's' : ''}: the target accepts requests it should refuse (or refuses them with the wrong status).`);
  // Invalid requests not refused: the fixed negative cases, and generated invalid requests (accepted, or refused with another status).
  const negative = count((v) => (v.kind === 'negative' || /\.rejects-invalid-input$/.test(v.check)) && !isSchemaViolation(v));
  if (negative > 0) notes.push(`${plural(negative, 'invalid request')} ${negative === 1 ? 'was' : 'were'} not refused with the documented status.`);
  const stateful = count((v) => v.kind === 'stateful');
  if (stateful > 0) notes.push(`${plural(stateful, 'API')} did not count a run added through the admin API exactly once.`);
  const prism = count((v) => v.kind === 'prism');
  if (prism > 0) notes.push(`Prism, as a second judge, flagged ${plural(prism, 'exchange')}.`);
  const slow = count((v) => /\.response-time$/.test(v.check));
  if (slow > 0) notes.push(`${plural(slow, 'answer')} took longer than --max-response-time.`);
  const deadline = count((v) => v.check === 'run.deadline');
  if (deadline > 0) notes.push(`The run reached its deadline before finishing${aborted?.notChecked.length ? ` (not checked: ${aborted.notChecked.join(', ')})` : ''}: the target answers too slowly to be checked in time.`);
  const operational = count((v) => v.kind === 'operational' && !/\.response-time$/.test(v.check) && v.check !== 'run.deadline');
  if (operational > 0) notes.push(`${plural(operational, 'operational violation')} (CORS, unsupported methods).`);
  const gaps = count((v) => v.kind === 'coverage');
  if (gaps > 0) notes.push(`${plural(gaps, 'operation')} never produced every documented 2xx and 4xx status (--require-coverage).`);
  const other = total - schemas - envelopes - http - semantic - auth - negative - stateful - prism - slow - deadline - operational - gaps;
  if (other > 0) notes.push(`${plural(other, 'other violation')} (see the checks named above).`);
  return notes;
}

/**
 * Runs the contract suite against a target: for each API, the valid requests (schema), the broken ones
 * (negative), the credentials (auth), the documented semantics, and, with an admin API, a stateful
 * check. Returns everything it found as data.
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
import { runNegatives, specNegatives } from './checks/negative.ts';
import { runStateful } from './checks/stateful.ts';
import { CheckContext } from './context.ts';
import { CoverageRecorder, type OperationCoverage } from './coverage.ts';
import type { Target } from './target.ts';
import type { CheckRecord, Violation } from './violation.ts';

export const CONTRACT_APIS: Readonly<Record<ApiName, ContractApi>> = {
  alloy: alloyContract,
  stackai: stackaiContract,
  onepin: onepinContract,
  b3os: b3osContract,
  multiplai: multiplaiContract,
};

export interface ContractReport {
  readonly target: string;
  readonly apis: readonly ApiName[];
  readonly startedAt: string;
  readonly durationMs: number;
  readonly checks: readonly CheckRecord[];
  readonly violations: readonly Violation[];
  readonly coverage: readonly OperationCoverage[];
  /** Plain-words reading of the results (e.g. "schemas hold, semantics do not: a static mock?"). */
  readonly diagnosis: readonly string[];
}

export interface RunOptions {
  /** Add a run through the admin API and watch the counts (needs the admin API). Default true. */
  readonly stateful?: boolean;
}

export async function runContract(target: Target, { stateful = true }: RunOptions = {}): Promise<ContractReport> {
  const started = Date.now();
  const coverage = new CoverageRecorder();
  const contexts = new Map<ApiName, CheckContext>();
  for (const api of target.apis) {
    const contract = CONTRACT_APIS[api];
    const ctx = new CheckContext(target, api, contract.operationId, coverage);
    contexts.set(api, ctx);
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
    ]);
    await runAuthCases(ctx, contract.authCases(ctx, baseline));
    await contract.semantics(ctx, baseline);
  }
  if (stateful && target.hasAdminApi) await runStateful(target, contexts);
  const checks = [...contexts.values()].flatMap((ctx) => ctx.checks);
  const violations = [...contexts.values()].flatMap((ctx) => ctx.violations);
  return {
    target: target.baseUrl,
    apis: target.apis,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    checks,
    violations,
    coverage: coverage.report(target.apis),
    diagnosis: diagnose(checks, violations),
  };
}

function diagnose(checks: readonly CheckRecord[], violations: readonly Violation[]): string[] {
  const notes: string[] = [];
  const by = (kind: string) => violations.filter((v) => v.kind === kind).length;
  const ran = (kind: string) => checks.filter((c) => c.kind === kind).length;
  if (violations.length === 0) return ['Every check holds: the target follows the specs and the documented semantics.'];
  if (by('schema') === 0 && by('semantic') > 0) {
    notes.push(`Every response matches its schema (${ran('schema')} schema checks, plus the schema of every response), but ${by('semantic')} semantic checks fail: `
      + 'the target answers with well-formed data that does not follow the documented arithmetic, ordering or filters. '
      + 'A static mock (such as Prism serving the specs\' examples) looks exactly like this: same shapes, numbers that ignore the request.');
  }
  if (by('auth') > 0) notes.push(`${by('auth')} credential checks fail: the target accepts requests it should refuse (or refuses them with the wrong status).`);
  if (by('negative') > 0) notes.push(`${by('negative')} invalid requests were not refused with the documented status.`);
  if (by('schema') > 0) notes.push(`${by('schema')} responses do not match their schema (a field missing, a wrong type, an undocumented status or envelope).`);
  return notes;
}

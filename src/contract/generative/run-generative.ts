/**
 * The generative checks (docs/contract-suite.md#generation-and-seeds): for one API, requests generated
 * from its spec (valid, invalid, edge), each sent to the target and judged; the first failing request of
 * each kind is shrunk by fast-check to a minimal one, whose problems are reported under the checks that
 * own them, with the seed and path that replay it. Deterministic: a fixed seed unless one is given.
 */
import fc from 'fast-check';
import type { CheckContext } from '../context.ts';
import { busiestFlow, targetNow } from '../fixture-picks.ts';
import { RunAborted, TargetUnreachable } from '../http-client.ts';
import { CONTRACT_APIS } from '../runner.ts';
import { requestArbitrary, type GenContext } from './arbitraries.ts';
import { judge, type JudgedProblem } from './judge.ts';
import { describeGen, sendGen, type GenRequest, type Intent } from './request.ts';
import { apiBase, type Target } from '../target.ts';
import type { RecordedRequest } from '../violation.ts';
import type { ContractPhase } from '../runner.ts';

export const DEFAULT_SEED = 20_261_126;
/** Generated requests per API and kind (valid, invalid; edge gets half). */
export const DEFAULT_MAX_EXAMPLES = 25;

export interface GenerativeOptions {
  /** Seed of the generated requests (`--seed`): the same seed replays a run exactly. */
  readonly seed?: number;
  /** Generated requests per API and kind (`--max-examples`); 0 turns generation off. */
  readonly maxExamples?: number;
}

/** Figures of the generation in this process (examples sent, shrink steps), for reports and tests. */
export const generationStats = { examples: 0, shrinks: 0 };

/** A seed per API and kind, derived from the run's seed: the streams are independent and replayable. */
export function derivedSeed(seed: number, label: string): number {
  let h = seed | 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h | 0;
}

const revealedCache = new WeakMap<Target, Promise<number[]>>();

/** Instants the target itself answered: runs' dates from StackAI, failures' instants from B3OS (best effort). */
export function revealedInstants(ctx: CheckContext): Promise<number[]> {
  let found = revealedCache.get(ctx.target);
  if (found === undefined) {
    found = probeInstants(ctx, ctx.workspace.id, ctx.workspace.tokens[0], busiestFlow(ctx.target)?.id, targetNow(ctx.target));
    revealedCache.set(ctx.target, found);
  }
  return found;
}

/** Sent through `ctx` (counted, timed, covered) but as the API asked: StackAI's and B3OS's own requests. */
async function probeInstants(ctx: CheckContext, workspaceId: string, token: string | undefined, flowId: string | undefined, now: number): Promise<number[]> {
  const target = ctx.target;
  const headers = { ...target.headers, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) };
  const out: number[] = [];
  const read = async (api: 'stackai' | 'b3os', url: string, used: readonly string[], pick: (json: unknown) => unknown[]) => {
    try {
      const response = await ctx.send({ method: 'GET', url, headers }, { api, used, options: { probe: true, timeoutMs: 5000 } });
      if (response.status === 200) for (const value of pick(response.json)) if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) out.push(Date.parse(value));
    } catch (error) {
      if (error instanceof RunAborted) throw error;
    }
  };
  if (flowId !== undefined) await read('stackai', `${apiBase(target, 'stackai')}/analytics/org/${encodeURIComponent(workspaceId)}/flows/${encodeURIComponent(flowId)}?page_size=50`, ['path:org_id', 'path:flow_id'], (j) => (Array.isArray(j) ? j.map((r) => (r as { date?: unknown }).date) : []));
  await read('b3os', `${apiBase(target, 'b3os')}/v1/executions/stats?from=${now - 30 * 86_400_000}&to=${now}&granularity=daily`, [], (j) => ((j as { data?: { recentFailures?: { createdAt?: unknown; finishedAt?: unknown }[] } }).data?.recentFailures ?? []).flatMap((f) => [f.createdAt, f.finishedAt]));
  return [...new Set(out)].sort((a, b) => a - b).slice(-40);
}

export async function genContext(ctx: CheckContext): Promise<GenContext> {
  const ws = ctx.workspace;
  return {
    workspaceId: ws.id,
    flowIds: ws.flows.map((f) => f.id),
    userIds: ws.users.map((u) => u.id),
    now: targetNow(ctx.target),
    revealed: await revealedInstants(ctx),
  };
}

export async function runGenerative(ctx: CheckContext, options: GenerativeOptions = {}): Promise<void> {
  const maxExamples = options.maxExamples ?? DEFAULT_MAX_EXAMPLES;
  if (maxExamples <= 0 || ctx.workspace.flows.length === 0) return;
  const seed = options.seed ?? DEFAULT_SEED;
  const validationStatus = CONTRACT_APIS[ctx.api].validationStatus;
  const g = await genContext(ctx);
  const now = ctx.target.fixtures.now === undefined ? undefined : g.now;
  for (const intent of ['valid', 'invalid', 'edge'] as const satisfies readonly Intent[]) {
    await ctx.check('generative', `${ctx.api}.generated-${intent}`, async () => {
      const arb = requestArbitrary(ctx.api, intent, ctx.op, g);
      const runSeed = derivedSeed(seed, `${ctx.api}:${intent}`);
      let aborted: RunAborted | undefined;
      const attempt = async (req: GenRequest) => {
        const { request, response } = await sendGen(ctx, req);
        generationStats.examples++;
        return { request, response, problems: judge(ctx.api, ctx.op, validationStatus, req, response, now) };
      };
      const result = await fc.check(fc.asyncProperty(arb, async (req) => {
        if (aborted !== undefined) return true;
        try {
          return (await attempt(req)).problems.length === 0;
        } catch (error) {
          if (error instanceof RunAborted) {
            aborted = error;
            return true;
          }
          if (error instanceof TargetUnreachable) return false;
          throw error;
        }
      }), { seed: runSeed, numRuns: intent === 'edge' ? Math.ceil(maxExamples / 2) : maxExamples, interruptAfterTimeLimit: 60_000 });
      if (aborted !== undefined) throw aborted;
      generationStats.shrinks += result.numShrinks;
      if (!result.failed || result.counterexample === null) return;
      const [req] = result.counterexample;
      const replay = `--seed ${seed} (${ctx.api} ${intent}: fast-check seed ${runSeed}, path ${result.counterexamplePath ?? ''}, after ${result.numRuns} examples and ${result.numShrinks} shrink steps)`;
      let outcome: { request: RecordedRequest; problems: JudgedProblem[] };
      try {
        outcome = await attempt(req);
      } catch (error) {
        if (error instanceof RunAborted) throw error;
        ctx.fail(`the minimal failing generated request ${describeGen(ctx.op.path, req)} got no answer: ${(error as Error).message}; replay with ${replay}`);
        return;
      }
      const { request, problems } = outcome;
      if (problems.length === 0) {
        ctx.fail(`a generated request failed once and passed when sent again (a flaky answer): ${describeGen(ctx.op.path, req)}; replay with ${replay}`, { request });
        return;
      }
      for (const p of problems) {
        ctx.record({
          api: ctx.api, operation: ctx.op.operationId, kind: p.kind, check: p.check,
          message: `GET ${describeGen(ctx.op.path, req)}: ${p.message} [generated ${intent} request, shrunk; replay with ${replay}]`,
          request, ...(p.expected === undefined ? {} : { expected: p.expected }), ...(p.actual === undefined ? {} : { actual: p.actual }),
        });
      }
    });
  }
}

/** Generation as a phase of the run (src/contract/phases.ts): every API, after its fixed checks. */
export function generativePhase(options: GenerativeOptions = {}): ContractPhase {
  return {
    name: 'generative',
    async run(_target, contexts) {
      for (const ctx of contexts.values()) await runGenerative(ctx, options);
    },
  };
}

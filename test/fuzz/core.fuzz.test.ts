/**
 * The generated bad-input suite: bad input always gets a clear error in the right envelope, never a
 * crash, a hang or a 500, and a request that fails changes nothing (test/fuzz/oracle.ts says exactly what
 * is checked). Requests come from test/fuzz/arbitraries.ts: valid ones, valid ones mutated one way, wholly
 * random ones, in short sequences after an optional setup (fault rules, clock moves, runs added), each
 * sequence on a fresh state of the edge-cases scenario at 2026-11-20T12:00:00Z. Per operation, two properties:
 * the promise (crash, hang, 5xx, state) and the contract (status, envelope, headers), so that one does not
 * hide the other. Besides the random draws, three sweeps that try every case: each field of each admin body
 * at each boundary value (then every API), each malformed body and odd YAML, each status a fault rule can
 * inject into each API.
 *
 * The server runs in a child process (test/fuzz/host.ts) so that a crash or an endless loop is reported
 * against the request that caused it instead of taking the test runner down.
 *
 * Seeded and replayable: a failure prints fast-check's seed and path and the shrunk request sequence.
 *   FUZZ_SEED=<seed> FUZZ_PATH=<path> npx vitest run test/fuzz -t '<test name>'   replays that one case
 *   FUZZ_SEED=<n> npx vitest run test/fuzz                                        another seed
 *   FUZZ_SCALE=10 npx vitest run test/fuzz                                        ten times the runs
 *   FUZZ_IGNORE=allow-header npx vitest run test/fuzz                             look past a known defect (exploring only)
 * The long run over real HTTP is `npm run fuzz` (scripts/fuzz.ts).
 */
import { Agent } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ALL_TARGETS, bodySweep, describeRequest, requestArbitraries, type FuzzFixtures, type FuzzRequest, type RequestArbitraries, type Target } from './arbitraries.ts';
import { coreExchange, FuzzHost, httpExchange } from './harness.ts';
import { checkExchange, CONTRACT_KINDS, describeViolations, PROMISE_KINDS, validatorFailures, type Exchange, type ViolationKind } from './oracle.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_120);
const PATH = process.env.FUZZ_PATH;
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
/** Violation kinds left out, to look past a known defect while exploring (never in CI): FUZZ_IGNORE=allow-header,envelope */
const IGNORED = new Set((process.env.FUZZ_IGNORE ?? '').split(',').map((k) => k.trim()).filter(Boolean));
/** A failing property shrinks for at most this long, then reports the smallest case found so far. */
const TIME_LIMIT_MS = 120_000;

let host: FuzzHost;
let arbitraries: RequestArbitraries;
let fixtures: FuzzFixtures;
let agent: Agent;
let sent = 0;

beforeAll(async () => {
  host = new FuzzHost({ scenario: 'edge-cases', now: '2026-11-20T12:00:00Z' });
  fixtures = await host.fixtures();
  arbitraries = requestArbitraries(fixtures);
  agent = new Agent({ keepAlive: true, maxSockets: 1 });
}, 90_000);

afterAll(async () => {
  agent?.destroy();
  await host?.stop();
  const unchecked = [...validatorFailures].map(([where, why]) => `\n  spec validator threw on ${where}: ${why}`).join('');
  console.log(`fuzz: ${sent} requests, seed ${SEED}, the server started ${host?.starts ?? 0} time(s)${unchecked}`);
});

/** Sends a sequence on a fresh state; the first exchange that breaks one of these rules fails the property with its story. */
async function runSequence(requests: readonly FuzzRequest[], via: 'core' | 'http', kinds: readonly ViolationKind[], confirmSlow = true): Promise<void> {
  let before = await host.fresh(!confirmSlow);
  let maxLatencyMs = 0;
  for (const [i, request] of requests.entries()) {
    sent++;
    const exchange: Exchange = via === 'core'
      ? await coreExchange(host, request, { maxLatencyMs })
      : await httpExchange(host, agent, request, { before, maxLatencyMs });
    const violations = checkExchange(exchange).filter((v) => kinds.includes(v.kind) && !IGNORED.has(v.kind));
    if (violations.length > 0) {
      // An answer that only came late may be the machine's fault (CI runners share cores): once more, from the start.
      const slowOnly = exchange.outcome === 'answered' && violations.every((v) => v.kind === 'hang');
      if (slowOnly && confirmSlow) return runSequence(requests, via, kinds, false);
      const story = requests.slice(0, i).map((r, j) => `--- request ${j + 1} (ok)\n${describeRequest(r, 200)}`);
      throw new Error([...story, `--- request ${i + 1} of ${requests.length}\n${describeRequest(request)}`, describeViolations(exchange, violations)].join('\n'));
    }
    if (exchange.after !== undefined) before = exchange.after;
    maxLatencyMs = exchange.maxLatencyMs;
    if (exchange.outcome !== 'answered' && exchange.outcome !== 'not-served') before = await host.fresh(true);
  }
}

function check(name: string, sequences: fc.Arbitrary<FuzzRequest[]>, numRuns: number, via: 'core' | 'http', seedOffset: number, kinds: readonly ViolationKind[]): Promise<void> {
  const seed = SEED + seedOffset;
  return fc.assert(
    fc.asyncProperty(sequences, (requests) => runSequence(requests, via, kinds)),
    {
      seed,
      numRuns: Math.max(1, Math.round(numRuns * SCALE)),
      ...(PATH === undefined ? {} : { path: PATH }),
      includeErrorInReport: true,
      plugins: [fc.interruptAfterTimeLimit(TIME_LIMIT_MS)],
      // fast-check prints the seed and path to replay this one case: FUZZ_SEED=<seed> FUZZ_PATH=<path>, with -t '<name>'.
      reporter: (details) => {
        if (!details.failed) return;
        throw new Error(`${name}: replay with FUZZ_SEED=${seed - seedOffset} FUZZ_PATH="${details.counterexamplePath ?? ''}" npx vitest run test/fuzz -t '${name}'\n${fc.defaultReportMessage(details)}`);
      },
    },
  );
}

/** Admin reads report on what came before (the journal, the fixtures, the clock): anything may come first. */
const READS: readonly Target[] = ['admin.getHealth', 'admin.getFixtures', 'admin.getClock', 'admin.getScenario', 'admin.listRequests', 'admin.getFaults', 'admin.getLive'];

/** Up to two state-changing admin writes (or, before a read, any requests) first, then one to three requests to the target. */
function sequencesFor(target: Target | undefined): fc.Arbitrary<FuzzRequest[]> {
  const before = target !== undefined && READS.includes(target) ? fc.oneof(arbitraries.setup(), arbitraries.any()) : arbitraries.setup();
  return fc.tuple(fc.array(before, { maxLength: target !== undefined && READS.includes(target) ? 4 : 2 }), fc.array(arbitraries.any(target), { minLength: 1, maxLength: 3 }))
    .map(([setup, requests]) => [...setup, ...requests]);
}

const TIMEOUT = TIME_LIMIT_MS + 60_000;
const ALL_KINDS = [...PROMISE_KINDS, ...CONTRACT_KINDS];

// Each target twice, so that a contract defect (a status, an envelope) does not hide a broken promise behind it:
// "never a crash, a hang or a 500, and a failed request changes nothing", then "the status and envelope the spec documents".
describe('bad input, straight into the core (fresh edge-cases state per sequence)', () => {
  for (const [i, target] of ALL_TARGETS.entries()) {
    const promise = `core promise: ${target}`;
    it(promise, () => check(promise, sequencesFor(target), 40, 'core', i, PROMISE_KINDS), TIMEOUT);
    const contract = `core contract: ${target}`;
    it(contract, () => check(contract, sequencesFor(target), READS.includes(target) ? 40 : 25, 'core', 50 + i, CONTRACT_KINDS), TIMEOUT);
  }

  it('core contract: admin reads after anything', () => {
    const sequences = fc.tuple(fc.array(fc.oneof(arbitraries.any(), arbitraries.random()), { minLength: 1, maxLength: 4 }), arbitraries.plainRead()).map(([before, read]) => [...before, read]);
    return check('core contract: admin reads after anything', sequences, 60, 'core', 160, CONTRACT_KINDS);
  }, TIMEOUT);

  // What an admin write accepted (a run, a clock move, a fault rule) every API must still answer validly.
  it('core contract: every API after any admin write', () => {
    const writes = fc.oneof(arbitraries.setup(), ...(['admin.createRun', 'admin.updateRun', 'admin.setClock', 'admin.replaceFaults', 'admin.replaceScenario'] as const).map((t) => arbitraries.mutated(t, ['body'])));
    const sequences = fc.tuple(fc.array(writes, { minLength: 1, maxLength: 4 }), fc.array(arbitraries.vendorRead(), { minLength: 1, maxLength: 3 })).map(([before, reads]) => [...before, ...reads]);
    return check('core contract: every API after any admin write', sequences, 80, 'core', 170, ALL_KINDS);
  }, TIMEOUT);

  // Not random: every field of every admin write body × each boundary number and troublesome instant, then every
  // API; every malformed body to every operation that reads one; every odd YAML document.
  it('core: boundary values in every body field, malformed bodies, odd YAML', async () => {
    const failures = new Map<string, string>();
    const cases = bodySweep(fixtures);
    for (const { name, sequence } of cases) {
      try {
        await runSequence(sequence, 'core', ALL_KINDS);
      } catch (error) {
        // One report per broken field (the first value that breaks it), per malformed body, per YAML document.
        const field = name.replace(/ = .*$/, '');
        if (!failures.has(field)) failures.set(field, `${name}\n${(error as Error).message}`);
      }
    }
    if (failures.size > 0) throw new Error(`${failures.size} body fields or bodies break a rule (of ${cases.length} cases):\n\n${[...failures.values()].join('\n\n')}`);
  }, TIMEOUT);

  // Not random: every API × every status a rule may inject, each answered in that API's documented envelope.
  it('core contract: injected faults, every API and status', async () => {
    const [pairs] = fc.sample(arbitraries.injected(), { seed: SEED, numRuns: 1 });
    const failures: string[] = [];
    for (const pair of pairs ?? []) {
      try {
        await runSequence(pair, 'core', ALL_KINDS);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    if (failures.length > 0) throw new Error(`${failures.length} of ${pairs?.length ?? 0} injected answers break the contract:\n\n${failures.join('\n\n')}`);
  }, TIMEOUT);

  it('core: random requests', () => check('core: random requests', fc.array(arbitraries.random(), { minLength: 1, maxLength: 3 }), 120, 'core', 100, ALL_KINDS), TIMEOUT);

  it('core: mixed sequences', () => check('core: mixed sequences', fc.array(arbitraries.any(), { minLength: 2, maxLength: 8 }), 100, 'core', 200, PROMISE_KINDS), TIMEOUT);
});

describe('bad input over HTTP, through the Express adapter (bodies, encodings, headers as sent)', () => {
  const requests = () => fc.oneof(arbitraries.mutated(undefined, ['encoding', 'body', 'headers']), arbitraries.any());
  it('http promise: bodies, encodings and headers', () =>
    check('http promise: bodies, encodings and headers', fc.array(requests(), { minLength: 1, maxLength: 3 }), 100, 'http', 300, PROMISE_KINDS), TIMEOUT);
  it('http contract: bodies, encodings and headers', () =>
    check('http contract: bodies, encodings and headers', fc.array(requests(), { minLength: 1, maxLength: 3 }), 60, 'http', 400, CONTRACT_KINDS), TIMEOUT);
});

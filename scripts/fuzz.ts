/**
 * The long bad-input run: N generated requests (default 1,000,000) over real HTTP to a real server, the
 * Express adapter and the core in a child process on 127.0.0.1:0 (test/fuzz/host.ts, built as
 * `flowmock serve` builds it, plus an IPC channel through which the fuzzer fingerprints the state).
 * The same arbitraries and oracle as the CI test (test/fuzz/), at scale and with concurrency.
 *
 *   npm run fuzz -- [--count 1000000] [--seed N] [--concurrency 8] [--max-minutes 60]
 *                   [--scenario edge-cases] [--now 2026-11-20T12:00:00Z] [--bound-ms 2000] [--report fuzz-report.json]
 *   npm run fuzz -- --seed N --replay K      sends request #K of that seed alone, on a fresh server, and explains it
 *
 * Admin writes are sent one at a time with nothing else in flight, the state fingerprinted before and after
 * (a failed write must change nothing); everything else goes concurrently, and the state is compared at every
 * checkpoint with the fingerprint after the last write (reads and vendor requests change nothing). A crash or
 * a hang is pinned on a request by sending the ones that were in flight again, alone, on a fresh server.
 * Prints progress and the final figures; exit code 0 when nothing was found, 1 otherwise. Loopback only.
 */
import { Agent } from 'node:http';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { mountOf } from '../src/apis.ts';
import { useOwnFiles } from '../src/node/own-files.ts';
import { describeRequest, requestArbitraries, type FuzzRequest, type RequestArbitraries } from '../test/fuzz/arbitraries.ts';
import { coreExchange, FuzzHost, HostFailure, httpExchange, requestTimeout, sendHttp } from '../test/fuzz/harness.ts';
import { checkExchange, describeViolations, faultStatusesOf, stateDifferences, validatorFailures, type Exchange, type Violation } from '../test/fuzz/oracle.ts';
import type { StateDigest } from '../test/fuzz/protocol.ts';

useOwnFiles();

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    seed: { type: 'string' },
    concurrency: { type: 'string', default: '8' },
    'max-minutes': { type: 'string', default: '60' },
    scenario: { type: 'string', default: 'edge-cases' },
    now: { type: 'string', default: '2026-11-20T12:00:00Z' },
    'bound-ms': { type: 'string', default: '2000' },
    report: { type: 'string' },
    replay: { type: 'string' },
    'checkpoint-every': { type: 'string', default: '2000' },
  },
});

const COUNT = Number(args.count);
const SEED = args.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(args.seed);
const CONCURRENCY = Math.max(1, Number(args.concurrency));
const MAX_MS = Number(args['max-minutes']) * 60_000;
const BOUND_MS = Number(args['bound-ms']);
const CHECKPOINT_EVERY = Math.max(100, Number(args['checkpoint-every']));
const BATCH = 1000;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

for (const [name, value] of [['count', COUNT], ['seed', SEED], ['concurrency', CONCURRENCY], ['max-minutes', MAX_MS], ['bound-ms', BOUND_MS]] as const) {
  if (!Number.isFinite(value) || value < 0) {
    process.stderr.write(`error: --${name} must be a number\n`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The request stream: request #k is drawn from the seed `seed + floor(k / 1000)`, so any one can be drawn again.

function mix(arbitraries: RequestArbitraries): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { weight: 60, arbitrary: arbitraries.mutated() },
    { weight: 12, arbitrary: arbitraries.valid() },
    { weight: 10, arbitrary: arbitraries.random() },
    { weight: 10, arbitrary: arbitraries.mutated(undefined, ['encoding', 'body', 'headers']) },
    { weight: 8, arbitrary: arbitraries.setup() },
  );
}

class RequestStream {
  readonly #arbitrary: fc.Arbitrary<FuzzRequest>;
  #batch = -1;
  #requests: FuzzRequest[] = [];

  constructor(arbitraries: RequestArbitraries) {
    this.#arbitrary = mix(arbitraries);
  }

  at(index: number): FuzzRequest {
    const batch = Math.floor(index / BATCH);
    if (batch !== this.#batch) {
      this.#requests = fc.sample(this.#arbitrary, { seed: SEED + batch, numRuns: BATCH });
      this.#batch = batch;
    }
    return this.#requests[index % BATCH] as FuzzRequest;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Findings, grouped by what went wrong where; the smallest request of each group is the one to show.

interface Finding {
  readonly signature: string;
  readonly kind: string;
  count: number;
  index: number;
  example: string;
  size: number;
}

const findings = new Map<string, Finding>();
const figures = { requests: 0, answered: 0, crashes: 0, hangs: 0, serverErrors: 0, injected: 0, envelope: 0, undocumented: 0, allow: 0, stateChanged: 0, connection: 0, unsendable: 0, restarts: 0 };
const statuses = new Map<number, number>();

function signatureOf(ex: Exchange, v: Violation): string {
  const where = `${ex.request.target} ${mountOf(ex.request.path)}`;
  const message = v.message
    .replace(/"(?:[^"\\]|\\.){40,}"/g, '"…"')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/\d+(\.\d+)? ms/g, '<n> ms')
    .replace(/body .*$/s, '')
    .slice(0, 160);
  return `${v.kind} | ${where} | ${ex.status} | ${message}`;
}

function record(index: number, ex: Exchange, violations: readonly Violation[]): void {
  for (const v of violations) {
    switch (v.kind) {
      case 'crash': figures.crashes++; break;
      case 'hang': figures.hangs++; break;
      case 'server-error': case 'threw': figures.serverErrors++; break;
      case 'envelope': case 'content-type': case 'not-json': figures.envelope++; break;
      case 'undocumented-status': figures.undocumented++; break;
      case 'allow-header': case 'request-id': figures.allow++; break;
      case 'state-changed': figures.stateChanged++; break;
      case 'connection': figures.connection++; break;
    }
    const signature = signatureOf(ex, v);
    const text = `request #${index} (seed ${SEED})\n${describeRequest(ex.request)}\n${describeViolations(ex, [v])}`;
    const size = describeRequest(ex.request).length;
    const known = findings.get(signature);
    if (known === undefined) {
      findings.set(signature, { signature, kind: v.kind, count: 1, index, example: text, size });
      process.stdout.write(`\nNEW ${signature}\n${text}\n`);
    } else {
      known.count++;
      if (size < known.size) Object.assign(known, { index, example: text, size });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Concurrency: reads share the server; admin writes have it to themselves.

class Gate {
  #readers = 0;
  #writing = false;
  #waiters: (() => void)[] = [];

  async read<T>(work: () => Promise<T>): Promise<T> {
    while (this.#writing) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    this.#readers++;
    try {
      return await work();
    } finally {
      this.#readers--;
      this.#wake();
    }
  }

  async write<T>(work: () => Promise<T>): Promise<T> {
    while (this.#writing || this.#readers > 0) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    this.#writing = true;
    try {
      return await work();
    } finally {
      this.#writing = false;
      this.#wake();
    }
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

const isAdminWrite = (r: FuzzRequest) => mountOf(r.path) === '/__mock' && WRITES.has(r.method);

// ---------------------------------------------------------------------------------------------------------

async function replay(index: number): Promise<void> {
  const host = new FuzzHost({ scenario: args.scenario, now: args.now });
  const stream = new RequestStream(requestArbitraries(await host.fixtures()));
  const request = stream.at(index);
  const agent = new Agent({ keepAlive: false });
  process.stdout.write(`request #${index} of seed ${SEED}:\n${describeRequest(request, 4000)}\n\n`);
  for (const via of ['core', 'http'] as const) {
    await host.fresh(true);
    const ex = via === 'core' ? await coreExchange(host, request) : await httpExchange(host, agent, request);
    const violations = checkExchange(ex, { timeBoundMs: BOUND_MS });
    process.stdout.write(`${via}: ${violations.length === 0 ? 'ok' : 'VIOLATIONS'}\n${describeViolations(ex, violations)}\n\n`);
  }
  agent.destroy();
  await host.stop();
}

async function main(): Promise<void> {
  const started = performance.now();
  const host = new FuzzHost({ scenario: args.scenario, now: args.now });
  const fixtures = await host.fixtures();
  const stream = new RequestStream(requestArbitraries(fixtures));
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const gate = new Gate();
  process.stdout.write(`flowmock fuzz: ${COUNT} requests, seed ${SEED}, concurrency ${CONCURRENCY}, at most ${MAX_MS / 60_000} min; scenario ${args.scenario} at ${args.now}; server pid ${host.pid ?? '?'} on 127.0.0.1:${await host.port()}\n`);

  let next = 0;
  let baseline: StateDigest = await host.fresh(true);
  let maxLatencyMs = 0;
  let sinceCheckpoint = 0;
  let lastWrite = -1;
  const inFlight = new Set<number>();
  let deadline = false;
  const timer = setTimeout(() => { deadline = true; }, MAX_MS);

  /** After a crash or a hang: the server again, and each request that was in flight sent alone to find the culprit. */
  let recovering: Promise<void> | undefined;
  /** How many times the server was started again: a request sent to an earlier one and cut off by the restart is no finding. */
  let generation = 0;
  const recover = (suspects: readonly number[], what: 'crash' | 'hang', detail: string) => {
    recovering ??= (async () => {
      generation++;
      figures.restarts++;
      host.kill();
      let pinned = false;
      for (const index of suspects) {
        await host.fresh(true);
        const ex = await coreExchange(host, stream.at(index), { boundMs: BOUND_MS, maxLatencyMs });
        const violations = checkExchange(ex, { timeBoundMs: BOUND_MS }).filter((v) => v.kind === 'crash' || v.kind === 'hang');
        if (violations.length > 0) {
          record(index, ex, violations);
          pinned = true;
        }
      }
      if (!pinned) {
        const first = suspects[0] ?? -1;
        const request = first >= 0 ? stream.at(first) : undefined;
        if (request !== undefined) {
          const ex: Exchange = { request, via: 'http', outcome: what, status: 0, headers: {}, body: undefined, elapsedMs: 0, faultStatuses: [], maxLatencyMs, logged: [], detail: `${detail} (not reproduced alone: one of requests ${suspects.join(', ')}, or what came before)` };
          record(first, ex, checkExchange(ex));
        }
      }
      baseline = await host.fresh(true);
      maxLatencyMs = 0;
    })().finally(() => { recovering = undefined; });
    return recovering;
  };

  const progress = setInterval(() => {
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`[${seconds.toFixed(0)} s] ${figures.requests} requests (${(figures.requests / seconds).toFixed(0)}/s), ${figures.crashes} crashes, ${figures.hangs} hangs, ${figures.serverErrors} 5xx, ${figures.envelope} envelope, ${figures.undocumented} undocumented statuses, ${figures.stateChanged} state changes, ${findings.size} distinct findings\n`);
  }, 5000);

  const checkpoint = async () => {
    // Nothing but admin writes may change the state: compare with the fingerprint after the last one.
    const now = await host.digest().catch(() => undefined);
    if (now === undefined) return;
    const changed = stateDifferences(baseline, now.digest);
    if (changed.length > 0) {
      const index = Math.max(lastWrite, 0);
      const ex: Exchange = { request: stream.at(index), via: 'http', outcome: 'answered', status: 0, headers: {}, body: undefined, elapsedMs: 0, faultStatuses: [], maxLatencyMs, logged: [] };
      record(index, ex, [{ kind: 'state-changed', message: `reads and vendor requests since request #${lastWrite + 1} changed the state: ${changed.join('; ')}` }]);
    }
    if (now.logged.length > 0) process.stdout.write(`\nlogged by the server: ${now.logged.join(' | ')}\n`);
    baseline = (await host.fresh().catch(() => undefined)) ?? baseline;
    maxLatencyMs = (await host.digest().catch(() => undefined))?.maxLatencyMs ?? 0;
  };

  const worker = async () => {
    for (;;) {
      if (recovering !== undefined) await recovering;
      if (deadline || next >= COUNT) return;
      const index = next++;
      const request = stream.at(index);
      const write = isAdminWrite(request);
      if (!write && ++sinceCheckpoint >= CHECKPOINT_EVERY) {
        sinceCheckpoint = 0;
        await gate.write(checkpoint);
      }
      let slow: Exchange | undefined;
      await (write ? gate.write : gate.read).call(gate, async () => {
        if (recovering !== undefined) await recovering;
        const sentIn = generation;
        inFlight.add(index);
        try {
          let ex: Exchange & { unsendable?: boolean };
          if (write) {
            ex = await httpExchange(host, agent, request, { boundMs: BOUND_MS, before: baseline, maxLatencyMs });
          } else {
            const port = await host.port().catch((error: unknown) => (error instanceof HostFailure ? undefined : Promise.reject(error)));
            const answer = port === undefined
              ? { kind: 'error' as const, status: 0, headers: {}, body: undefined, elapsedMs: 0, message: 'no server' }
              : await sendHttp(port, request, { timeoutMs: requestTimeout(BOUND_MS, maxLatencyMs), agent });
            const base = { request, via: 'http' as const, status: answer.status, headers: answer.headers, body: answer.body, elapsedMs: answer.elapsedMs, faultStatuses: faultStatusesOf(baseline), maxLatencyMs, logged: [] };
            if (answer.kind === 'unsendable') ex = { ...base, outcome: 'connection-error', unsendable: true };
            else if (answer.kind === 'answer') ex = { ...base, outcome: 'answered' };
            else if (!host.alive) ex = { ...base, outcome: 'crash', detail: host.stderrTail };
            else {
              // Up, but silent: is the whole server stuck, or only this request?
              const alive = await host.digest(3000).then(() => true, () => false);
              ex = { ...base, outcome: answer.kind === 'timeout' || !alive ? 'hang' : 'connection-error', detail: alive ? (answer.message ?? 'no answer to this request') : 'the server stopped answering anything' };
            }
          }
          figures.requests++;
          if (sentIn !== generation) return;
          if (ex.unsendable === true) {
            figures.unsendable++;
            return;
          }
          if (ex.outcome === 'answered') {
            figures.answered++;
            statuses.set(ex.status, (statuses.get(ex.status) ?? 0) + 1);
            if (ex.status >= 500 && ex.faultStatuses.includes(ex.status)) figures.injected++;
          }
          if (ex.outcome === 'crash' || (ex.outcome === 'hang' && !host.alive) || (ex.outcome === 'hang' && ex.detail === 'the server stopped answering anything')) {
            const suspects = [...inFlight].sort((a, b) => a - b);
            inFlight.delete(index);
            await recover(suspects, ex.outcome === 'crash' ? 'crash' : 'hang', ex.detail ?? '');
            return;
          }
          const violations = checkExchange(ex, { timeBoundMs: BOUND_MS });
          // Late or unanswered while the server lives: maybe another request held it up (or the machine did);
          // sent again alone below, once the server is idle, before it counts.
          if (!write && violations.length > 0 && violations.every((v) => v.kind === 'hang')) slow = ex;
          else record(index, ex, violations);
          if (write && ex.after !== undefined) {
            baseline = ex.after;
            lastWrite = index;
            maxLatencyMs = ex.maxLatencyMs;
            // A new scenario or live mode would take the fixtures away from under the next requests: start afresh.
            if (ex.status < 400 && (request.target === 'admin.replaceScenario' || request.path.toLowerCase().startsWith('/__mock/live'))) baseline = await host.fresh();
          }
        } finally {
          inFlight.delete(index);
        }
      });
      if (slow !== undefined) {
        const late = slow;
        await gate.write(async () => {
          // The IPC channel answers only when the server's event loop is free: wait for that, then ask the journal
          // how long the server itself spent on this request. Late because another request held the server up
          // (or the machine did): it spent little. (Not sent again: Multiplai's cache would answer at once.)
          const took = await host.took(request.method, request.path).then((ms) => ms, () => null);
          if (took === null) {
            await recover([index], 'hang', 'the server stayed busy for a minute');
            return;
          }
          const bound = BOUND_MS + maxLatencyMs;
          if (took !== undefined && took <= bound) return;
          const ex: Exchange = { ...late, outcome: late.outcome === 'answered' ? 'answered' : 'hang', detail: took === undefined ? 'never answered (not in the journal)' : `the server spent ${Math.round(took)} ms on it (journal)` };
          record(index, ex, checkExchange(ex, { timeBoundMs: BOUND_MS }));
        });
      }
    }
  };

  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  clearTimeout(timer);
  clearInterval(progress);
  await gate.write(checkpoint);

  // Afterwards: the server still up, and its state what the writes that succeeded made it.
  const finalDigest = await host.digest().catch(() => undefined);
  const unchangedAfterwards = finalDigest !== undefined && figures.stateChanged === 0;
  const seconds = (performance.now() - started) / 1000;
  const byStatus = [...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}: ${n}`).join(', ');
  const lines = [
    '',
    `flowmock fuzz, seed ${SEED}${deadline ? ' (stopped at the time limit)' : ''}`,
    `  requests           ${figures.requests} (${figures.answered} answered, ${figures.unsendable} not sendable by Node's client) in ${seconds.toFixed(1)} s, ${(figures.requests / seconds).toFixed(0)} req/s`,
    `  crashes            ${figures.crashes} (server restarts: ${figures.restarts}, process starts: ${host.starts})`,
    `  hangs              ${figures.hangs}`,
    `  5xx                ${figures.serverErrors} not injected (${figures.injected} injected by fault rules, as they should be)`,
    `  envelope           ${figures.envelope} violations (content type, JSON, schema of the documented response)`,
    `  undocumented       ${figures.undocumented} statuses the spec does not document for the operation`,
    `  headers            ${figures.allow} (405 without Allow, vendor errors without x-request-id)`,
    `  connection errors  ${figures.connection}`,
    `  state unchanged    ${unchangedAfterwards ? 'yes' : 'NO'} (${figures.stateChanged} failed writes or reads changed it)`,
    `  statuses           ${byStatus}`,
    `  distinct findings  ${findings.size}`,
    ...[...validatorFailures].map(([where, why]) => `  (spec validator could not check ${where}: ${why})`),
  ];
  const ordered = [...findings.values()].sort((a, b) => severity(a.kind) - severity(b.kind) || b.count - a.count);
  for (const f of ordered) lines.push('', `== ${f.signature}  (${f.count}×)`, f.example);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (args.report !== undefined) {
    writeFileSync(args.report, JSON.stringify({ seed: SEED, figures, statuses: Object.fromEntries(statuses), unchangedAfterwards, seconds, findings: ordered }, null, 2));
  }
  agent.destroy();
  await host.stop();
  process.exitCode = findings.size === 0 && unchangedAfterwards ? 0 : 1;
}

function severity(kind: string): number {
  return ['crash', 'hang', 'threw', 'server-error', 'state-changed', 'connection', 'undocumented-status', 'envelope', 'content-type', 'not-json', 'allow-header', 'request-id'].indexOf(kind);
}

if (args.replay !== undefined) await replay(Number(args.replay));
else await main();

/**
 * The fuzzed server, in a child process of its own so that a crash or a hang is seen (and survived) by the
 * fuzzer rather than suffered by it: the framework-free core answering requests handed over IPC (the CI
 * pass), and the Express adapter on a real loopback socket (the HTTP passes), over one MockState the
 * parent can fingerprint before and after any request.
 *
 * Started by harness.ts as `node --import tsx test/fuzz/host.ts <scenario> <now ISO>` with an IPC channel
 * (advanced serialization: bodies travel as bytes). No handler for uncaught errors: as under
 * `flowmock serve`, one kills the process, and the parent reports a crash.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { Express } from 'express';
import { FlowmockCore } from '../../src/core/flowmock-core.ts';
import { bodyBytes, type BodyProblem, type CoreRequest, type CoreResponse, type HeaderMap } from '../../src/core/http-message.ts';
import type { Logger } from '../../src/core/logger.ts';
import { RequestJournal, type RecordedRequest } from '../../src/core/request-journal.ts';
import { MockState } from '../../src/domain/mock-state.ts';
import type { ScenarioDocument } from '../../src/domain/scenario/document.ts';
import { datasetDigest } from '../../src/node/dataset-digest.ts';
import { useOwnFiles } from '../../src/node/own-files.ts';
import { loadScenarioFile } from '../../src/node/scenario-file.ts';
import { createApp } from '../../src/server/app.ts';
import type { FuzzFixtures } from './arbitraries.ts';
import type { HostCommand, HostReply, StateDigest, WireRequest } from './protocol.ts';
import { nodeHeaders } from './protocol.ts';

useOwnFiles();

const [scenarioName = 'edge-cases', nowIso = '2026-11-20T12:00:00Z'] = process.argv.slice(2);
const document: ScenarioDocument = loadScenarioFile(scenarioName).document;
const NOW = Date.parse(nowIso);

/** Errors the core logged ("unexpected error": a bug answered as a 500), since the parent last asked. */
let logged: string[] = [];
const record = (details: object, message: string) => {
  const err = (details as { err?: { name?: string; message?: string; stack?: string } }).err;
  const where = err?.stack?.split('\n').slice(1, 4).map((line) => line.trim()).join(' < ') ?? '';
  logged.push(`${message}: ${err?.name ?? ''} ${err?.message ?? JSON.stringify(details)}${where === '' ? '' : ` (${where})`}`);
};
const logger: Logger = { error: record, warn: () => {}, info: () => {}, debug: () => {} };

/**
 * How long the server spent on each of its latest requests, kept across fresh states (each state has its own
 * journal): the fuzzer asks it whether a late answer was the request's own doing or another's.
 */
const recent: { method: string; path: string; durationMs: number }[] = [];

class TimingJournal extends RequestJournal {
  override record(entry: RecordedRequest): void {
    super.record(entry);
    recent.push({ method: entry.method, path: entry.path, durationMs: entry.durationMs });
    if (recent.length > 5000) recent.splice(0, 1000);
  }
}

let core: FlowmockCore;
let app: Express;
let pristine = '';

function fresh(): void {
  core?.close();
  core = new FlowmockCore(new MockState({ scenario: document, now: NOW }), { logger, journal: new TimingJournal() });
  app = createApp(core);
  pristine = digestKey(digest());
}

/** A fingerprint of everything a failed request must leave as it was. */
function digest(): StateDigest {
  const state = core.state;
  const safe = (f: () => string) => {
    try {
      return f();
    } catch (error) {
      return `unreadable: ${(error as Error).message}`;
    }
  };
  const live = core.live.settings;
  const realClock = state.clock.mode === 'real';
  return {
    scenario: safe(() => `${state.scenario.name} seed ${state.scenario.seed}`),
    clock: safe(() => `${state.clock.mode} ${realClock ? '(real time)' : String(state.clock.now())}`),
    faults: safe(() => JSON.stringify(core.faults.rules.map(({ applied: _applied, ...rule }) => rule))),
    live: safe(() => JSON.stringify(live)),
    counts: safe(() => JSON.stringify(state.dataset.counts())),
    dataset: safe(() => datasetDigest(state.dataset)),
    liveEnabled: live.enabled,
    realClock,
  };
}

function digestKey(d: StateDigest): string {
  return [d.scenario, d.clock, d.faults, d.live, d.counts, d.dataset].join('|');
}

/**
 * What the Express adapter hands the core for this request: the body with its Content-Encoding undone
 * (as body-parser does: identity, gzip, deflate, br), or why it could not be read.
 */
function toCoreRequest(wire: WireRequest): CoreRequest {
  const chunked = wire.headers.some(([name]) => name.toLowerCase() === 'transfer-encoding');
  const framing: [string, string][] = wire.body === undefined || chunked ? [] : [['content-length', String(wire.body.byteLength)]];
  const headers: HeaderMap = nodeHeaders([['host', '127.0.0.1'], ...wire.headers, ...framing]);
  const base = { method: wire.method, path: wire.path, query: wire.query, headers, remoteAddress: '127.0.0.1' };
  if (wire.body === undefined) return base;
  const limit = core.bodyLimit(wire.method, wire.path);
  const encoding = (typeof headers['content-encoding'] === 'string' ? headers['content-encoding'] : 'identity').toLowerCase();
  const problem = (p: BodyProblem): CoreRequest => ({ ...base, bodyProblem: p });
  const bytes = Buffer.from(wire.body.buffer, wire.body.byteOffset, wire.body.byteLength);
  if (encoding === 'identity') return bytes.byteLength > limit ? problem({ kind: 'too-large', limitBytes: limit }) : { ...base, body: bytes };
  const decode = encoding === 'gzip' ? gunzipSync : encoding === 'deflate' ? inflateSync : encoding === 'br' ? brotliDecompressSync : undefined;
  if (decode === undefined) return problem({ kind: 'unsupported-encoding', message: `unsupported content encoding "${encoding}"` });
  try {
    const plain = decode(bytes, { maxOutputLength: limit + 1 });
    return plain.byteLength > limit ? problem({ kind: 'too-large', limitBytes: limit }) : { ...base, body: plain };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') return problem({ kind: 'too-large', limitBytes: limit });
    return problem({ kind: 'unreadable', message: (error as Error).message });
  }
}

async function handle(wire: WireRequest): Promise<HostReply> {
  const before = digest();
  const request = toCoreRequest(wire);
  const started = performance.now();
  let response: CoreResponse | undefined;
  let threw: string | undefined;
  try {
    response = await core.handle(request);
  } catch (error) {
    // The Express adapter passes this to Express's error handler: a 500 (text/html) to the client.
    threw = `${(error as Error).name}: ${(error as Error).message}`;
  }
  const elapsedMs = performance.now() - started;
  const after = digest();
  const [entry] = core.journal.query({ limit: 1 }).entries;
  const faultRule = entry !== undefined && entry.method === request.method && entry.path === request.path ? entry.faultRule : null;
  const reply: HostReply = {
    kind: 'exchange',
    served: response !== undefined || threw !== undefined,
    status: response?.status ?? (threw === undefined ? 0 : 500),
    headers: response?.headers ?? {},
    body: response?.body === undefined ? undefined : bodyBytes(response.body),
    elapsedMs,
    before,
    after,
    faultRule,
    maxLatencyMs: maxLatency(),
    logged: takeLogs(),
    ...(threw === undefined ? {} : { threw }),
  };
  // A state no longer pristine is replaced before the next sequence: the parent asks with `fresh`.
  return reply;
}

function maxLatency(): number {
  let max = 0;
  for (const rule of core.faults.rules) {
    const latency = rule.latencyMs;
    const ms = latency === undefined ? 0 : typeof latency === 'number' ? latency : latency.max;
    if (Number.isFinite(ms) && ms > max) max = ms;
  }
  return max;
}

function takeLogs(): string[] {
  const lines = logged;
  logged = [];
  return lines;
}

/** Workspaces, tokens, users, flows and some runs of the fresh state, for the arbitraries. */
function fixtures(): FuzzFixtures {
  const state = core.state;
  const now = state.clock.now();
  return {
    now,
    scenario: state.scenario,
    workspaces: [...state.dataset.workspaces()].map((ws) => ({
      id: ws.workspace.id,
      tokens: [...ws.workspace.tokens],
      users: [...ws.users.keys()].slice(0, 20),
      flows: [...ws.flows.values()].slice(0, 40).map((flow) => ({ id: flow.id, kind: flow.kind, visible: flow.createdAt <= now })),
      runs: [...ws.runs].slice(-40).map((run) => ({ id: run.id, flow: run.flow, status: run.status })),
    })),
  };
}

let server: Server | undefined;

async function listen(): Promise<number> {
  if (server === undefined) {
    // As `flowmock serve` does (app.listen), but through the current app: `fresh` swaps the state behind the port.
    const s = createServer((req: IncomingMessage, res: ServerResponse) => app(req, res));
    server = s;
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  }
  return (server.address() as AddressInfo).port;
}

async function answer(command: HostCommand): Promise<HostReply> {
  switch (command.op) {
    case 'fresh':
      // Only when something changed: a new state costs milliseconds, most sequences change nothing.
      if (command.force === true || digestKey(digest()) !== pristine) fresh();
      else core.journal.clear();
      return { kind: 'digest', digest: digest(), maxLatencyMs: maxLatency(), logged: takeLogs() };
    case 'handle':
      return handle(command.request);
    case 'listen':
      return { kind: 'port', port: await listen() };
    case 'digest':
      return { kind: 'digest', digest: digest(), maxLatencyMs: maxLatency(), logged: takeLogs() };
    case 'fixtures':
      return { kind: 'fixtures', fixtures: fixtures() };
    case 'took': {
      const matching = recent.slice(-1000).filter((e) => e.method === command.method && e.path === command.path);
      return { kind: 'took', durationMs: matching.length === 0 ? undefined : Math.max(...matching.map((e) => e.durationMs)) };
    }
  }
}

fresh();
process.on('message', (message: { id: number; command: HostCommand }) => {
  void answer(message.command).then((reply) => process.send?.({ id: message.id, reply }));
});
process.on('disconnect', () => process.exit(0));
process.send?.({ id: 0, reply: { kind: 'ready' } });

/**
 * The fuzzer's side: the server in a child process (host.ts), requests handed to its core over IPC or sent
 * over a loopback socket to its Express adapter, and each answer turned into an Exchange for the oracle.
 * A child that stops answering is killed and started again; one that dies is reported as a crash.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { FuzzFixtures, FuzzRequest } from './arbitraries.ts';
import { faultStatusesOf, type Exchange } from './oracle.ts';
import type { HostCommand, HostReply, StateDigest } from './protocol.ts';

const HOST_FILE = fileURLToPath(new URL('./host.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export class HostFailure extends Error {
  constructor(
    readonly kind: 'crash' | 'hang',
    message: string,
  ) {
    super(message);
    this.name = 'HostFailure';
  }
}

interface Pending {
  /** The process asked: only its own exit fails the command. */
  readonly child: ChildProcess | undefined;
  readonly resolve: (reply: HostReply) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export interface HostOptions {
  readonly scenario?: string;
  /** The clock's now in every fresh state (`--now`). */
  readonly now?: string;
}

/** The server process: started on first use, and again after a crash or a hang. */
export class FuzzHost {
  readonly scenario: string;
  readonly now: string;
  /** How many times the process was started (1 when it never failed). */
  starts = 0;
  #child: ChildProcess | undefined;
  #starting: Promise<ChildProcess> | undefined;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #stderr = '';
  #port: number | undefined;

  constructor({ scenario = 'edge-cases', now = '2026-11-20T12:00:00Z' }: HostOptions = {}) {
    this.scenario = scenario;
    this.now = now;
  }

  /** The last lines the process wrote to stderr (a crash's stack). */
  get stderrTail(): string {
    return this.#stderr.split('\n').slice(-25).join('\n');
  }

  /** Whether the process is up (a crash shows here before anyone asks it anything). */
  get alive(): boolean {
    return this.#child !== undefined;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  async #ensure(): Promise<ChildProcess> {
    if (this.#child !== undefined) return this.#child;
    this.#starting ??= this.#start();
    try {
      return await this.#starting;
    } finally {
      this.#starting = undefined;
    }
  }

  #start(): Promise<ChildProcess> {
    this.starts++;
    this.#stderr = '';
    this.#port = undefined;
    const child = fork(HOST_FILE, [this.scenario, this.now], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-20_000);
    });
    child.on('message', (message: { id: number; reply: HostReply }) => {
      const pending = this.#pending.get(message.id);
      if (pending === undefined) return;
      this.#pending.delete(message.id);
      clearTimeout(pending.timer);
      pending.resolve(message.reply);
    });
    child.once('exit', (code, signal) => {
      if (this.#child === child) this.#child = undefined;
      const failure = new HostFailure('crash', `exit ${code === null ? `by ${signal}` : `code ${code}`}${this.stderrTail === '' ? '' : `\n${this.stderrTail}`}`);
      for (const [id, pending] of this.#pending) {
        if (pending.child !== child) continue;
        clearTimeout(pending.timer);
        pending.reject(failure);
        this.#pending.delete(id);
      }
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the fuzz host did not start within 60 s:\n${this.stderrTail}`)), 60_000);
      this.#pending.set(0, {
        child,
        resolve: () => {
          this.#child = child;
          resolve(child);
        },
        reject,
        timer,
      });
    });
  }

  /** Sends a command; a reply later than `timeoutMs` kills the process (a hang), a process that dies rejects (a crash). */
  async send(command: HostCommand, timeoutMs = 10_000): Promise<HostReply> {
    const child = await this.#ensure();
    const id = this.#nextId++;
    return new Promise<HostReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        this.kill();
        reject(new HostFailure('hang', `no answer within ${timeoutMs} ms (the process was killed and is started again)`));
      }, timeoutMs);
      this.#pending.set(id, { child, resolve, reject, timer });
      child.send({ id, command });
    });
  }

  async digest(timeoutMs = 5_000): Promise<{ digest: StateDigest; maxLatencyMs: number; logged: readonly string[] }> {
    const reply = await this.send({ op: 'digest' }, timeoutMs);
    if (reply.kind !== 'digest') throw new Error(`unexpected reply ${reply.kind}`);
    return reply;
  }

  /** A pristine state for the next sequence (kept when nothing changed it: cheap). */
  async fresh(force = false): Promise<StateDigest> {
    const reply = await this.send({ op: 'fresh', force }, 30_000);
    if (reply.kind !== 'digest') throw new Error(`unexpected reply ${reply.kind}`);
    return reply.digest;
  }

  async fixtures(): Promise<FuzzFixtures> {
    const reply = await this.send({ op: 'fixtures' }, 30_000);
    if (reply.kind !== 'fixtures') throw new Error(`unexpected reply ${reply.kind}`);
    return reply.fixtures;
  }

  /** The longest time the server spent on a recent request with this method and path (undefined: none journaled). */
  async took(method: string, path: string, timeoutMs = 60_000): Promise<number | undefined> {
    const reply = await this.send({ op: 'took', method, path }, timeoutMs);
    if (reply.kind !== 'took') throw new Error(`unexpected reply ${reply.kind}`);
    return reply.durationMs;
  }

  /** The loopback port of the Express adapter (a new one after a restart). */
  async port(): Promise<number> {
    if (this.#port !== undefined && this.#child !== undefined) return this.#port;
    const reply = await this.send({ op: 'listen' }, 30_000);
    if (reply.kind !== 'port') throw new Error(`unexpected reply ${reply.kind}`);
    this.#port = reply.port;
    return reply.port;
  }

  kill(): void {
    const child = this.#child;
    this.#child = undefined;
    this.#port = undefined;
    if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (child === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.kill();
    await exited;
  }
}

/** How long a request may take before it is a hang: the bound, plus what fault rules may add, plus slack for IPC. */
export function requestTimeout(boundMs: number, maxLatencyMs: number): number {
  return boundMs + maxLatencyMs + 1500;
}

/** A request handed straight to the core (as the Express adapter would hand it), checked before and after. */
export async function coreExchange(host: FuzzHost, request: FuzzRequest, { boundMs = 2000, maxLatencyMs = 0 } = {}): Promise<Exchange> {
  const started = performance.now();
  const wire = { method: request.method, path: request.path, query: request.query, headers: request.headers, body: request.body };
  try {
    const reply = await host.send({ op: 'handle', request: wire }, requestTimeout(boundMs, maxLatencyMs));
    if (reply.kind !== 'exchange') throw new Error(`unexpected reply ${reply.kind}`);
    return {
      request,
      via: 'core',
      outcome: reply.served ? 'answered' : 'not-served',
      status: reply.status,
      headers: reply.headers,
      body: reply.body,
      elapsedMs: reply.elapsedMs,
      before: reply.before,
      after: reply.after,
      faultRule: reply.faultRule,
      faultStatuses: faultStatusesOf(reply.before),
      maxLatencyMs: reply.maxLatencyMs,
      logged: reply.logged,
      threw: reply.threw,
    };
  } catch (error) {
    if (!(error instanceof HostFailure)) throw error;
    return failed(request, 'core', error, performance.now() - started);
  }
}

function failed(request: FuzzRequest, via: 'core' | 'http', error: HostFailure, elapsedMs: number): Exchange {
  return {
    request, via, outcome: error.kind, status: 0, headers: {}, body: undefined, elapsedMs, faultStatuses: [], maxLatencyMs: 0, logged: [], detail: error.message,
  };
}

export interface HttpAnswer {
  readonly kind: 'answer' | 'timeout' | 'error' | 'unsendable';
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | undefined;
  readonly elapsedMs: number;
  readonly message?: string;
}

/**
 * Sends a request over a loopback socket, header lines as given (repeats included). A kept-alive socket the
 * server closed just as it was reused fails before the request reaches the server: sent once more on a new
 * one (as Node's documentation advises), so that the race is not taken for a defect.
 */
export async function sendHttp(port: number, request: FuzzRequest, options: { timeoutMs: number; agent: Agent }): Promise<HttpAnswer> {
  const first = await sendOnce(port, request, options);
  if (first.kind !== 'error' || first.reusedSocket !== true) return first;
  return sendOnce(port, request, options);
}

function sendOnce(port: number, request: FuzzRequest, { timeoutMs, agent }: { timeoutMs: number; agent: Agent }): Promise<HttpAnswer & { reusedSocket?: boolean }> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: HttpAnswer & { reusedSocket?: boolean }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const none = { status: 0, headers: {}, body: undefined };
    const timer = setTimeout(() => {
      settle({ kind: 'timeout', ...none, elapsedMs: elapsed() });
      req?.destroy();
    }, timeoutMs);
    let req: ReturnType<typeof httpRequest> | undefined;
    try {
      req = httpRequest({
        host: '127.0.0.1',
        port,
        agent,
        method: request.method,
        path: request.query === '' ? request.path : `${request.path}?${request.query}`,
        setHost: true,
      });
      const lines = new Map<string, { name: string; values: string[] }>();
      for (const [name, value] of request.headers) {
        const key = name.toLowerCase();
        const entry = lines.get(key) ?? { name, values: [] };
        entry.values.push(value);
        lines.set(key, entry);
      }
      const chunked = lines.has('transfer-encoding');
      if (request.body !== undefined && !chunked) lines.set('content-length', { name: 'content-length', values: [String(request.body.byteLength)] });
      for (const { name, values } of lines.values()) req.setHeader(name, values.length === 1 ? (values[0] as string) : values);
    } catch (error) {
      settle({ kind: 'unsendable', ...none, elapsedMs: elapsed(), message: (error as Error).message });
      return;
    }
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => settle({ kind: 'answer', status: res.statusCode ?? 0, headers: flatHeaders(res.headers), body: Buffer.concat(chunks), elapsedMs: elapsed() }));
      res.on('error', (error) => settle({ kind: 'error', ...none, elapsedMs: elapsed(), message: error.message }));
    });
    req.on('error', (error) => {
      const code = (error as NodeJS.ErrnoException).code;
      const reusedSocket = req?.reusedSocket === true && (code === 'ECONNRESET' || code === 'EPIPE');
      settle({ kind: 'error', ...none, elapsedMs: elapsed(), message: error.message, reusedSocket });
    });
    if (request.body === undefined) req.end();
    else req.end(request.body);
  });
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/**
 * A request over HTTP, checked against the state before and after (`before` is the caller's latest digest
 * when it knows nothing changed since; `checkState` false skips the digests: concurrent traffic).
 */
export async function httpExchange(
  host: FuzzHost,
  agent: Agent,
  request: FuzzRequest,
  { boundMs = 2000, before, maxLatencyMs = 0, checkState = true }: { boundMs?: number; before?: StateDigest | undefined; maxLatencyMs?: number; checkState?: boolean } = {},
): Promise<Exchange & { readonly unsendable?: boolean }> {
  let port: number;
  try {
    port = await host.port();
  } catch (error) {
    if (error instanceof HostFailure) return failed(request, 'http', error, 0);
    throw error;
  }
  const prior = checkState ? (before ?? (await host.digest()).digest) : before;
  const answer = await sendHttp(port, request, { timeoutMs: requestTimeout(boundMs, maxLatencyMs), agent });
  if (answer.kind === 'unsendable') {
    return { request, via: 'http', outcome: 'connection-error', status: 0, headers: {}, body: undefined, elapsedMs: 0, faultStatuses: [], maxLatencyMs, logged: [], detail: answer.message ?? '', unsendable: true };
  }
  // Is the server still there, and still answering? A dead process is a crash, a silent one a hang.
  let after: { digest: StateDigest; maxLatencyMs: number; logged: readonly string[] } | undefined;
  try {
    after = await host.digest(answer.kind === 'answer' ? 10_000 : 3_000);
  } catch (error) {
    if (error instanceof HostFailure) return failed(request, 'http', error, answer.elapsedMs);
    throw error;
  }
  // The latency bound: the rules in force before (this request) or after (the next ones: a write may have changed them).
  const base = { request, via: 'http' as const, elapsedMs: answer.elapsedMs, faultStatuses: faultStatusesOf(prior ?? after.digest), maxLatencyMs: Math.max(maxLatencyMs, after.maxLatencyMs), logged: after.logged };
  if (answer.kind === 'timeout') return { ...base, outcome: 'hang', status: 0, headers: {}, body: undefined, detail: 'the server is up but did not answer this request' };
  if (answer.kind === 'error') return { ...base, outcome: 'connection-error', status: 0, headers: {}, body: undefined, detail: answer.message };
  return {
    ...base,
    outcome: 'answered',
    status: answer.status,
    headers: answer.headers,
    body: answer.body,
    ...(checkState && prior !== undefined ? { before: prior, after: after.digest } : {}),
  };
}

/**
 * The contract suite's HTTP client, unbreakable by its target (docs/contract-suite.md#robustness):
 *
 * - every request has an absolute deadline (`--request-timeout`, 15 s): connecting, the headers and the whole
 *   body together, so a slow drip of bytes cannot keep it alive (an idle timer would be reset by each byte);
 * - a body is read up to a cap (`--max-body-bytes`, 8 MiB), then the connection is dropped and the answer
 *   kept as cut;
 * - redirects are not followed (an API answers where it is asked; a 3xx is reported as such);
 * - the whole run has a deadline (`--deadline`, 10 min): a request never outlives it;
 * - a target that fails several requests in a row (timeouts, refused or reset connections, answers that are
 *   not HTTP) has stopped answering: the run stops at once (exit 2) instead of timing out request by request.
 *
 * Any target, http or https, and a body on a GET when asked (Multiplai's clients send one).
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface ContractRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface ContractResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body as UTF-8 text; of a body cut at the cap, only its first 64 KiB. */
  readonly text: string;
  /** The parsed JSON body, or undefined when the body is empty, not JSON, or was cut. */
  readonly json: unknown;
  /** From sending the request to the body's end. */
  readonly durationMs: number;
  /** Bytes of body read (the cap, for a body cut there). */
  readonly bytes: number;
  /** The body was larger than the cap: only its first `bytes` were read. */
  readonly truncated: boolean;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
export const DEFAULT_DEADLINE_MS = 10 * 60_000;
/** Failed requests in a row after which the target is taken to have stopped answering. */
export const DEFAULT_MAX_CONSECUTIVE_FAILURES = 3;

/** One request got no (HTTP) answer: refused, reset, timed out, or not HTTP. */
export class TargetUnreachable extends Error {
  readonly url: string;
  readonly timedOut: boolean;
  constructor(url: string, cause: string, timedOut = false) {
    super(`cannot reach ${url}: ${cause}`);
    this.name = 'TargetUnreachable';
    this.url = url;
    this.timedOut = timedOut;
  }
}

export type AbortReason = 'unreachable' | 'stopped-answering' | 'deadline';

/** The run cannot go on: the target never answered, stopped answering, or the run's deadline came. */
export class RunAborted extends Error {
  readonly reason: AbortReason;
  constructor(reason: AbortReason, message: string) {
    super(message);
    this.name = 'RunAborted';
    this.reason = reason;
  }
}

export interface TransportOptions {
  readonly requestTimeoutMs?: number;
  readonly maxBodyBytes?: number;
  /** The run's deadline, from now (default 10 minutes). */
  readonly deadlineMs?: number;
  readonly maxConsecutiveFailures?: number;
}

export interface SendOptions {
  /** A probe (is there an admin API?): its failure says nothing about the target answering. */
  readonly probe?: boolean;
  /** A shorter timeout for this request. */
  readonly timeoutMs?: number;
}

/** The client of one run: limits, the run's deadline, and the count of failures in a row. */
export class Transport {
  readonly requestTimeoutMs: number;
  readonly maxBodyBytes: number;
  readonly deadlineMs: number;
  readonly deadlineAt: number;
  readonly maxConsecutiveFailures: number;
  #failuresInARow = 0;
  #answered = 0;
  #lastFailure = '';
  readonly #agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 8 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 8 }) };

  constructor(options: TransportOptions = {}) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.deadlineAt = Date.now() + this.deadlineMs;
    this.maxConsecutiveFailures = options.maxConsecutiveFailures ?? DEFAULT_MAX_CONSECUTIVE_FAILURES;
  }

  /** Requests answered so far (any status). */
  get answered(): number {
    return this.#answered;
  }

  remainingMs(): number {
    return this.deadlineAt - Date.now();
  }

  /** Throws RunAborted('deadline') once the run's deadline has passed. */
  checkDeadline(): void {
    if (this.remainingMs() <= 0) throw new RunAborted('deadline', `the run reached its deadline (--deadline ${this.deadlineMs} ms)`);
  }

  async send(req: ContractRequest, options: SendOptions = {}): Promise<ContractResponse> {
    this.checkDeadline();
    const remaining = this.remainingMs();
    const timeoutMs = Math.max(1, Math.min(options.timeoutMs ?? this.requestTimeoutMs, this.requestTimeoutMs, remaining));
    const agent = new URL(req.url).protocol === 'https:' ? this.#agents.https : this.#agents.http;
    try {
      const response = await sendOnce(req, { timeoutMs, maxBodyBytes: this.maxBodyBytes, agent });
      this.#failuresInARow = 0;
      this.#answered++;
      return response;
    } catch (error) {
      if (!(error instanceof TargetUnreachable)) throw error;
      if (error.timedOut && this.remainingMs() <= 0) {
        throw new RunAborted('deadline', `the run reached its deadline (--deadline ${this.deadlineMs} ms) waiting for ${req.method} ${req.url}`);
      }
      if (options.probe) throw error;
      this.#failuresInARow++;
      this.#lastFailure = `${req.method} ${error.message.replace(/^cannot reach /, '')}`;
      if (this.#failuresInARow >= this.maxConsecutiveFailures) {
        throw this.#answered === 0
          ? new RunAborted('unreachable', `the target is unreachable: ${this.#failuresInARow} requests in a row got no answer, none was ever answered (last: ${this.#lastFailure})`)
          : new RunAborted('stopped-answering', `the target stopped answering: ${this.#failuresInARow} requests in a row got no answer after ${this.#answered} answered (last: ${this.#lastFailure})`);
      }
      throw error;
    }
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.#agents.http.destroy();
    this.#agents.https.destroy();
  }
}

interface OnceOptions {
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly agent?: HttpAgent | HttpsAgent | false;
}

/** One exchange within its limits; a kept-alive connection the target had closed is retried once, fresh. */
async function sendOnce(req: ContractRequest, options: OnceOptions): Promise<ContractResponse> {
  try {
    return await exchange(req, options);
  } catch (error) {
    if (error instanceof StaleConnection) return exchange(req, { ...options, agent: false });
    throw error;
  }
}

class StaleConnection extends Error {}

function exchange(req: ContractRequest, { timeoutMs, maxBodyBytes, agent }: OnceOptions): Promise<ContractResponse> {
  const started = performance.now();
  const url = new URL(req.url);
  const requestFn = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
  return new Promise((resolve, reject) => {
    let settled = false;
    let gotResponse = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      settle();
    };
    const fail = (cause: string, timedOut = false) => finish(() => reject(new TargetUnreachable(req.url, cause, timedOut)));
    const outgoing = requestFn(url, { method: req.method, headers, ...(agent === undefined ? {} : { agent }) }, (res) => {
      gotResponse = true;
      readBody(res, maxBodyBytes, (body, truncated, bytes) => {
        if (truncated) res.destroy();
        const text = body.toString('utf8');
        let json: unknown;
        if (!truncated && text !== '') {
          try { json = JSON.parse(text); } catch { json = undefined; }
        }
        const flat: Record<string, string | undefined> = {};
        for (const [key, value] of Object.entries(res.headers)) flat[key] = Array.isArray(value) ? value.join(', ') : value;
        finish(() => resolve({ status: res.statusCode ?? 0, headers: flat, text, json, durationMs: performance.now() - started, bytes, truncated }));
      }, (cause) => fail(cause));
    });
    // Absolute, not idle: a byte every second does not extend it.
    const timer = setTimeout(() => {
      fail(`no ${gotResponse ? 'complete answer' : 'answer'} within ${timeoutMs} ms`, true);
      outgoing.destroy();
    }, timeoutMs);
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (!gotResponse && outgoing.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
        return finish(() => reject(new StaleConnection()));
      }
      fail(describeError(error));
    });
    if (req.body !== undefined) outgoing.write(req.body);
    outgoing.end();
  });
}

/** What is kept of a body cut at the cap: enough for the report's excerpt, not the cap's worth. */
const KEPT_OF_A_CUT_BODY = 64 * 1024;

function readBody(res: IncomingMessage, maxBytes: number, done: (body: Buffer, truncated: boolean, bytes: number) => void, fail: (cause: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  res.on('data', (chunk: Buffer) => {
    if (over) return;
    if (size + chunk.length > maxBytes) {
      over = true;
      chunks.push(chunk);
      const kept = Buffer.concat(chunks).subarray(0, Math.min(KEPT_OF_A_CUT_BODY, maxBytes));
      chunks.length = 0;
      done(Buffer.from(kept), true, maxBytes);
      return;
    }
    chunks.push(chunk);
    size += chunk.length;
  });
  let ended = false;
  res.on('end', () => {
    ended = true;
    if (!over) done(Buffer.concat(chunks), false, size);
  });
  res.on('error', (error: NodeJS.ErrnoException) => { if (!over) fail(`the connection failed mid-body, after ${size} bytes: ${describeError(error)}`); });
  res.on('close', () => { if (!over && !ended) fail(`the connection was closed mid-body, after ${size} bytes`); });
}

function describeError(error: NodeJS.ErrnoException): string {
  if (error.code?.startsWith('HPE_')) return `the answer is not HTTP (${error.message})`;
  return error.message === '' ? (error.code ?? 'failed') : error.message;
}

/** One request outside a run (tests, tools): the default limits, no failure count. */
export function send(req: ContractRequest, timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): Promise<ContractResponse> {
  return sendOnce(req, { timeoutMs, maxBodyBytes: DEFAULT_MAX_BODY_BYTES, agent: false });
}

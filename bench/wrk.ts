/**
 * The load generator: wrk (https://github.com/wg/wrk, Debian's package), one thread, driven by a Lua script
 * written for each run. wrk is a C program on an event loop: it takes a small share of a core where
 * autocannon, in Node, took a third of one (bench/load-generator-cost.ts measures both), and the servers
 * share the machine's cores with it.
 *
 * The script sets the request (method, path, headers, body: Multiplai's GET has a JSON body), or for a
 * family of requests builds every one up front and hands them out in turn, and its `done()` prints one line
 * of JSON: responses, wall time, bytes, errors, and latency percentiles in µs from wrk's own histogram.
 * wrk corrects that histogram for coordinated omission before `done()` sees it (it adds the samples a
 * response slower than about twice the mean interval kept from being sent), so p99 and the mean are those of
 * the corrected histogram; responses and the maximum are raw. Nothing is read from wrk's human-readable summary.
 *
 * Before the run wrk calls `request()` once to check the script. For a family that call takes its first
 * request, which is the one the benchmark sent beforehand to check the answer: the run starts with the
 * second, and cycles through the family in order for its whole length.
 */
import { execFileSync, spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WrkRequest {
  readonly method: string;
  /** Path and query, e.g. `/b3os/v1/executions/stats?from=…`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface WrkOptions {
  /** e.g. http://127.0.0.1:1234 */
  readonly origin: string;
  /** One request, sent over and over; or a family, in turn, cycled. */
  readonly requests: readonly WrkRequest[];
  readonly connections: number;
  readonly seconds: number;
  /** Where the Lua script is written. */
  readonly workDir: string;
}

export interface WrkErrors {
  readonly connect: number;
  readonly read: number;
  readonly write: number;
  /** Answers with a status of 400 or more (wrk counts these as errors). */
  readonly status: number;
  readonly timeout: number;
}

export interface WrkResult {
  /** Complete responses. */
  readonly responses: number;
  /** Wall time of the run as wrk measured it (start to its end or interruption), s. */
  readonly seconds: number;
  /** Bytes read, headers included. */
  readonly bytes: number;
  readonly errors: WrkErrors;
  readonly latencyMs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number; readonly mean: number };
}

/** The one line to print when wrk is missing. */
const WRK_MISSING = 'wrk is not installed: install it with `apt-get install -y wrk` (Debian, Ubuntu) or `brew install wrk` (macOS), then run the benchmark again';

/** wrk's version line, or undefined when there is no wrk on the PATH. */
function wrkVersion(): string | undefined {
  try {
    // `wrk --version` prints its banner and usage, and exits 1.
    execFileSync('wrk', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { code, stdout } = error as { code?: string; stdout?: string };
    if (code === 'ENOENT') return undefined;
    // e.g. "wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer": the copyright left out.
    return stdout?.split('\n')[0]?.replace(/\s*Copyright.*$/, '').trim() || 'wrk';
  }
  return 'wrk';
}

/** Exits with status 2 and one line saying how to install wrk when it is missing; its version line otherwise. */
export function requireWrk(): string {
  const version = wrkVersion();
  if (version === undefined) {
    process.stderr.write(`${WRK_MISSING}\n`);
    process.exit(2);
  }
  return version;
}

/** A Lua string literal of any text: printable ASCII as it is, every other byte as a three-digit decimal escape (`\034`: never read on into a digit after it). */
function luaString(text: string): string {
  let out = '"';
  for (const byte of Buffer.from(text, 'utf8')) {
    out += byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c ? String.fromCharCode(byte) : `\\${String(byte).padStart(3, '0')}`;
  }
  return `${out}"`;
}

function luaHeaders(headers: Readonly<Record<string, string>>): string {
  return `{ ${Object.entries(headers).map(([name, value]) => `[${luaString(name)}] = ${luaString(value)}`).join(', ')} }`;
}

const RESULT_PREFIX = 'flowmock-bench-result ';

/** done(): one line of JSON with exact figures (latency in µs). */
const DONE = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('${RESULT_PREFIX}{"requests":%d,"durationUs":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyUs":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.3f}}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
`;

/** The Lua script of a run. */
function wrkScript(requests: readonly WrkRequest[]): string {
  const first = requests[0];
  if (first === undefined) throw new Error('wrk: no request to send');
  if (requests.length === 1) {
    // One request: wrk formats it once and sends the same bytes every time (no Lua per request).
    return [
      `wrk.method = ${luaString(first.method)}`,
      `wrk.path = ${luaString(first.path)}`,
      `wrk.headers = ${luaHeaders(first.headers)}`,
      ...(first.body === undefined ? [] : [`wrk.body = ${luaString(first.body)}`]),
      DONE,
    ].join('\n');
  }
  const list = requests.map((r) => `  { ${luaString(r.method)}, ${luaString(r.path)}, ${luaHeaders(r.headers)}, ${r.body === undefined ? 'nil' : luaString(r.body)} },`);
  return [
    'local family = {',
    ...list,
    '}',
    'local formatted = {}',
    'local next = 0',
    'init = function(args)',
    '  for i, r in ipairs(family) do formatted[i] = wrk.format(r[1], r[2], r[3], r[4]) end',
    'end',
    'request = function()',
    '  next = next + 1',
    '  return formatted[(next - 1) % #formatted + 1]',
    'end',
    DONE,
  ].join('\n');
}

let scripts = 0;

/** The command line of a run, as the report shows it. */
export function wrkCommandLine(connections: number, seconds: number): string {
  return `wrk -t1 -c${connections} -d${seconds}s --timeout 30s -s <script.lua> http://127.0.0.1:PORT`;
}

/** Runs wrk once; rejects when it fails or prints no result. */
export function runWrk(options: WrkOptions): Promise<WrkResult> {
  return prepareWrk(options)();
}

/**
 * Writes the script of a run now (a family's is large: its cost stays out of the run's CPU figures) and
 * returns what starts the run; it rejects when wrk fails, prints no result or reports a script error.
 */
export function prepareWrk(options: WrkOptions): () => Promise<WrkResult> {
  const script = join(options.workDir, `wrk-${process.pid}-${++scripts}.lua`);
  writeFileSync(script, wrkScript(options.requests));
  // wrk's durations are whole seconds (or minutes, hours): a fraction is rounded up.
  const duration = `${Math.max(1, Math.ceil(options.seconds))}s`;
  const args = ['-t1', `-c${options.connections}`, `-d${duration}`, '--timeout', '30s', '-s', script, `${options.origin}/`];
  return () => new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const hardTimer = setTimeout(() => child.kill('SIGKILL'), (options.seconds + 30) * 1000);
    child.once('error', (error) => {
      clearTimeout(hardTimer);
      reject((error as NodeJS.ErrnoException).code === 'ENOENT' ? new Error(WRK_MISSING) : error);
    });
    // 'close': the process was waited for (its CPU time is in this process's children's) and its output read.
    child.once('close', (code, signal) => {
      clearTimeout(hardTimer);
      // A family's script is about a megabyte: gone once its run is (an A/B run writes dozens).
      rmSync(script, { force: true });
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      // A Lua error (wrk reports it as `<script>: <script>:<line>: …` and goes on with its default request).
      if (line === undefined || stderr.includes(`${script}:`)) {
        reject(new Error(`wrk ${args.join(' ')} exited ${code ?? signal} without a result, or with a script error:\n${stdout}${stderr}`.slice(0, 2000)));
        return;
      }
      try {
        resolve(parseResult(line.slice(RESULT_PREFIX.length)));
      } catch (error) {
        reject(new Error(`wrk: unreadable result ${line}: ${(error as Error).message}`));
      }
    });
  });
}

interface RawResult {
  requests: number;
  durationUs: number;
  bytes: number;
  errors: WrkErrors;
  latencyUs: { p50: number; p90: number; p99: number; max: number; mean: number };
}

function parseResult(json: string): WrkResult {
  const raw = JSON.parse(json) as RawResult;
  for (const [name, value] of Object.entries({ requests: raw.requests, durationUs: raw.durationUs, bytes: raw.bytes, ...raw.latencyUs })) {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${name} is not a number`);
  }
  const ms = (us: number) => us / 1000;
  return {
    responses: raw.requests,
    seconds: raw.durationUs / 1e6,
    bytes: raw.bytes,
    errors: raw.errors,
    latencyMs: { p50: ms(raw.latencyUs.p50), p90: ms(raw.latencyUs.p90), p99: ms(raw.latencyUs.p99), max: ms(raw.latencyUs.max), mean: ms(raw.latencyUs.mean) },
  };
}

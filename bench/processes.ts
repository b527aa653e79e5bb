/**
 * Child processes of the benchmark (flowmock, Prism, Mockoon, the ceiling servers): each started in its own
 * process group so that stopping it also stops anything it spawned, all of them registered so that the
 * benchmark stops every one on the way out, whatever happens. Output is kept only up to a bound (Prism
 * logs several lines per request) and drained after that; or, with `logFile`, it goes to that file and the
 * benchmark process reads nothing of it under load (a server's request log then costs the server alone).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { freePort } from '../src/net/free-port.ts';

export { freePort };

const OUTPUT_LIMIT = 64 * 1024;

export interface Child {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** Milliseconds (performance.now()) when it was spawned. */
  readonly spawnedAt: number;
  /** The first 64 KiB of stdout and stderr, interleaved. */
  output(): string;
  exited(): boolean;
  stop(): Promise<void>;
}

const running = new Set<Child>();

export function startChild(name: string, command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; logFile?: string } = {}): Child {
  const spawnedAt = performance.now();
  const logFd = options.logFile === undefined ? undefined : openSync(options.logFile, 'a');
  const stdio = logFd === undefined ? (['ignore', 'pipe', 'pipe'] as const) : (['ignore', logFd, logFd] as const);
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, detached: true, stdio: [...stdio] });
  if (logFd !== undefined) closeSync(logFd);
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  const pid = child.pid;
  let output = '';
  const keep = (chunk: Buffer) => {
    if (output.length < OUTPUT_LIMIT) output += chunk.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const logFile = options.logFile;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const handle: Child = {
    name,
    child,
    pid,
    spawnedAt,
    output: () => (logFile === undefined ? output : headOf(logFile)),
    exited,
    async stop() {
      running.delete(handle);
      if (exited()) return;
      signalGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 3000);
      await exit;
      clearTimeout(timer);
      // Anything left in the group (a grandchild) goes too.
      signalGroup(pid, 'SIGKILL');
    },
  };
  running.add(handle);
  return handle;
}

/** The first OUTPUT_LIMIT bytes of a file, as text. */
function headOf(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(OUTPUT_LIMIT);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, OUTPUT_LIMIT, 0));
  } finally {
    closeSync(fd);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => child.stop()));
}

/** Last resort on process exit: synchronous, so it works in an 'exit' handler. */
export function killAllNow(): void {
  for (const child of running) signalGroup(child.pid, 'SIGKILL');
  running.clear();
}

/** Resolves with the match when the output matches `pattern`; rejects if the process exits first or time runs out. */
export function waitForOutput(child: Child, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const timer = setInterval(() => {
      const match = child.output().match(pattern);
      if (match) {
        clearInterval(timer);
        resolve(match);
      } else if (child.exited()) {
        clearInterval(timer);
        reject(new Error(`${child.name} exited (${child.child.exitCode ?? child.child.signalCode}) before printing ${pattern}:\n${child.output()}`));
      } else if (Date.now() > deadline) {
        clearInterval(timer);
        reject(new Error(`${child.name}: timed out after ${timeoutMs} ms waiting for ${pattern}:\n${child.output()}`));
      }
    }, 20);
  });
}


export interface HttpAnswer {
  readonly status: number;
  readonly body: Buffer;
}

/** One request on a fresh connection (GET with a body included, which fetch refuses). */
export function httpRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = request(url, { method: options.method ?? 'GET', headers, agent: false, timeout: options.timeoutMs ?? 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Polls `url` every 20 ms until it answers 200; resolves with the time (performance.now()) of that answer. */
export async function waitFor200(child: Child, url: string, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.exited()) throw new Error(`${child.name} exited before answering ${url}:\n${child.output()}`);
    const attempt = performance.now();
    try {
      const answer = await httpRequest(url, { timeoutMs: 2000 });
      if (answer.status === 200) return performance.now();
    } catch {
      /* not listening yet */
    }
    if (performance.now() > deadline) throw new Error(`${child.name}: no 200 from ${url} within ${timeoutMs} ms:\n${child.output()}`);
    const wait = 20 - (performance.now() - attempt);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** The highest VmHWM seen of each process, across resets. */
const highest = new Map<number, number>();

/** Resident memory of a process from /proc/<pid>/status, in MiB: `VmRSS` now and `VmHWM` (peak since start or the last reset). */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? Number.NaN);
    const memory = { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
    if (Number.isFinite(memory.peakMiB)) highest.set(pid, Math.max(highest.get(pid) ?? 0, memory.peakMiB));
    return memory;
  } catch {
    return undefined;
  }
}

/** Resets the peak (VmHWM) to the current RSS (Linux: "5" to /proc/<pid>/clear_refs); false when not allowed. */
export function resetPeakMemory(pid: number): boolean {
  memoryOf(pid);
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** The peak RSS of a process over its whole life so far (MiB), resets notwithstanding. */
export function lifetimePeakMiB(pid: number): number | undefined {
  memoryOf(pid);
  return highest.get(pid);
}

/**
 * CPU time in seconds: the whole machine busy (all cores), one process (user + system), this process, and
 * this process's children that have exited and been waited for (a load generator such as wrk, once done).
 */
interface CpuSnapshot {
  readonly machineBusy: number;
  readonly server: number;
  readonly self: number;
  readonly reapedChildren: number;
  readonly at: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** `children`: the CPU time of its children that have exited and been waited for (cutime + cstime) instead of its own. */
function processCpuSeconds(pid: number | 'self', children = false): number {
  try {
    // Fields after the command (which may hold spaces) start at state: utime and stime are the 12th and 13th,
    // cutime and cstime the 14th and 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const first = children ? 13 : 11;
    return (Number(fields[first]) + Number(fields[first + 1])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

function machineBusySeconds(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    void idle;
    void iowait;
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/**
 * Waits until the processes have been nearly idle (together less than `idleCores` of a core) for `windowMs`,
 * at most `limitMs`: servers just started go on compiling and collecting for a while after they listen, and
 * would disturb the first runs. Resolves with the time waited, ms.
 */
export async function waitUntilIdle(pids: readonly number[], { idleCores = 0.05, windowMs = 500, limitMs = 15_000 } = {}): Promise<number> {
  const began = performance.now();
  const used = () => pids.reduce((sum, pid) => sum + (processCpuSeconds(pid) || 0), 0);
  let before = used();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const after = used();
    if ((after - before) / (windowMs / 1000) < idleCores || performance.now() - began > limitMs) return Math.round(performance.now() - began);
    before = after;
  }
}

/** `serverPid` undefined: before the server exists (its CPU time is 0). */
export function cpuSnapshot(serverPid: number | undefined): CpuSnapshot {
  const usage = process.cpuUsage();
  const server = serverPid === undefined ? 0 : processCpuSeconds(serverPid);
  return { machineBusy: machineBusySeconds(), server, self: (usage.user + usage.system) / 1e6, reapedChildren: processCpuSeconds('self', true), at: performance.now() };
}

const roundCores = (v: number) => (Number.isFinite(v) ? Number(v.toFixed(2)) : Number.NaN);

/**
 * Where the CPU went between two snapshots, in cores (1 = one core busy the whole time): the server,
 * the load generator (this process: autocannon in it), and everything else on the machine (other work disturbing the run).
 */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): { server: number; loadGenerator: number; other: number } {
  const { server, bench, loadGenerator, other } = cpuWithChildGenerator(before, after);
  return { server, loadGenerator: roundCores(bench + loadGenerator), other };
}

/** CPU over a run, in cores: the server, the load generator, this process (the benchmark), everything else. */
export interface CpuCores {
  readonly server: number;
  readonly loadGenerator: number;
  readonly bench: number;
  readonly other: number;
}

/**
 * Where the CPU went between two snapshots when the load generator is a child process (wrk) that exited,
 * and was waited for, before `after` was taken: its time is the growth of this process's reaped-children
 * time. Cores: the server, the load generator, this process (idle but for its timers), everything else.
 */
export function cpuWithChildGenerator(before: CpuSnapshot, after: CpuSnapshot): CpuCores {
  const seconds = (after.at - before.at) / 1000;
  const server = (after.server - before.server) / seconds;
  const loadGenerator = (after.reapedChildren - before.reapedChildren) / seconds;
  const bench = (after.self - before.self) / seconds;
  const other = Math.max(0, (after.machineBusy - before.machineBusy) / seconds - server - loadGenerator - bench);
  return { server: roundCores(server), loadGenerator: roundCores(loadGenerator), bench: roundCores(bench), other: roundCores(other) };
}

/**
 * On SIGINT or SIGTERM: say so, stop every process started here, run `after` (temporary files), exit 130.
 * `on`, not `once`: Ctrl-C reaches npm, tsx and this process, and tsx relays it, so a second SIGINT follows
 * at once; without a handler it would end the process before the servers are stopped.
 */
export function stopAllOnSignals(log: (line: string) => void, what: string, after: () => void = () => {}): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: ${what}`);
    void stopAll().finally(() => {
      after();
      process.exit(130);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // The handlers off again, for a caller whose processes are all stopped.
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

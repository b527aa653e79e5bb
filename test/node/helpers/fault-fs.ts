/**
 * File systems for the change log's fault tests (src/node/log-fs.ts): the real one, wrapped to count
 * calls, hold a call on a gate, fail a call (ENOSPC, EIO), write short, or crash (stop every later
 * mutating call, as `kill -9` would, after perhaps writing a prefix of the interrupted write).
 */
import { decodeRecord } from '../../../src/core/change-stream.ts';
import { nodeLogFs, type LogFs } from '../../../src/node/log-fs.ts';

export type Call = keyof LogFs;

export const MUTATING: readonly Call[] = ['mkdir', 'open', 'write', 'fdatasync', 'fsync', 'ftruncate', 'rename', 'unlink', 'fsyncDirectory'];

export function errno(code: string, syscall: string): NodeJS.ErrnoException {
  const messages: Record<string, string> = { ENOSPC: 'no space left on device', EIO: 'i/o error' };
  return Object.assign(new Error(`${code}: ${messages[code] ?? 'simulated'}, ${syscall}`), { code, syscall });
}

/**
 * `before(call, args)` runs before each call and may throw (the call fails) or return a promise (the call
 * waits for it); `calls` counts them; `around` replaces a call's implementation.
 */
export function wrapFs(hooks: {
  before?: (call: Call, args: unknown[]) => void | Promise<void>;
  around?: Partial<LogFs>;
} = {}, base: LogFs = nodeLogFs): { fs: LogFs; calls: Map<Call, number> } {
  const calls = new Map<Call, number>();
  const fs = {} as Record<Call, (...args: unknown[]) => Promise<unknown>>;
  for (const name of Object.keys(base) as Call[]) {
    fs[name] = async (...args: unknown[]) => {
      calls.set(name, (calls.get(name) ?? 0) + 1);
      await hooks.before?.(name, args);
      const impl = (hooks.around?.[name] ?? base[name]) as (...a: unknown[]) => Promise<unknown>;
      return impl(...args);
    };
  }
  return { fs: fs as unknown as LogFs, calls };
}

/**
 * A disk on which the log file (the file opened read-write) may grow to `limit` bytes: a write past it
 * writes what fits (a short write) and the next one fails with ENOSPC, as on a full file system.
 */
export function quotaFs(limit: number): { fs: LogFs; setLimit(bytes: number): void; failSnapshots(fail: boolean): void } {
  let quota = limit;
  let snapshotsFail = false;
  const logFds = new Set<number>();
  const snapshotFds = new Set<number>();
  const { fs } = wrapFs({
    around: {
      async open(path, mode) {
        if (mode === 'create-new' && snapshotsFail) throw errno('ENOSPC', 'open');
        const fd = await nodeLogFs.open(path, mode);
        (mode === 'read-write' ? logFds : snapshotFds).add(fd);
        return fd;
      },
      async write(fd, buffer, offset, length, position) {
        if (snapshotFds.has(fd) && snapshotsFail) throw errno('ENOSPC', 'write');
        if (!logFds.has(fd)) return nodeLogFs.write(fd, buffer, offset, length, position);
        if (position >= quota) throw errno('ENOSPC', 'write');
        return nodeLogFs.write(fd, buffer, offset, Math.min(length, quota - position), position);
      },
      async close(fd) {
        logFds.delete(fd);
        snapshotFds.delete(fd);
        return nodeLogFs.close(fd);
      },
    },
  });
  return { fs, setLimit: (bytes) => { quota = bytes; }, failSnapshots: (fail) => { snapshotsFail = fail; } };
}

/**
 * Crashes at the `at`-th mutating call (1-based): that call and every later mutating call fail with
 * a CrashError; if it is a write, a prefix of it (`tornFraction` of its bytes) reaches the file first.
 */
export class CrashError extends Error {
  constructor() {
    super('simulated crash');
    this.name = 'CrashError';
  }
}

export function crashFs(at: number, tornFraction = 0.5, base: LogFs = nodeLogFs): { fs: LogFs; mutations: () => number; crashed: () => boolean } {
  let count = 0;
  let crashed = false;
  const { fs } = wrapFs({
    around: {},
    async before(call, args) {
      if (!MUTATING.includes(call)) return;
      count++;
      if (crashed) throw new CrashError();
      if (count < at) return;
      crashed = true;
      if (call === 'write') {
        const [fd, buffer, offset, length, position] = args as [number, Uint8Array, number, number, number];
        const prefix = Math.floor(length * tornFraction);
        if (prefix > 0) await base.write(fd, buffer, offset, prefix, position);
      }
      throw new CrashError();
    },
  }, base);
  return { fs, mutations: () => count, crashed: () => crashed };
}

/**
 * Watches group commits: which seqs each write carried and which each fdatasync made durable, so that a
 * test can check that every acknowledgement came after the sync of its record.
 */
export function commitWatcher(): { fs: LogFs; durable: Set<number>; writes: number[][]; syncs: number[][]; gate(next: Promise<void> | undefined): void } {
  const durable = new Set<number>();
  const writes: number[][] = [];
  const syncs: number[][] = [];
  let pending: number[] = [];
  let gate: Promise<void> | undefined;
  const { fs } = wrapFs({
    around: {
      async write(fd, buffer, offset, length, position) {
        const written = await nodeLogFs.write(fd, buffer, offset, length, position);
        const text = new TextDecoder().decode(buffer.subarray(offset, offset + written));
        const seqs = text.split('\n').flatMap((line) => {
          const decoded = decodeRecord(line);
          return decoded.ok ? [decoded.record.seq] : [];
        });
        if (seqs.length > 0) writes.push(seqs); // (a snapshot's write carries none)
        pending.push(...seqs);
        return written;
      },
      async fdatasync(fd) {
        const covering = pending;
        pending = [];
        const wait = gate;
        gate = undefined;
        if (wait !== undefined) await wait;
        await nodeLogFs.fdatasync(fd);
        syncs.push(covering);
        for (const seq of covering) durable.add(seq);
      },
    },
  });
  return { fs, durable, writes, syncs, gate: (next) => { gate = next; } };
}

/**
 * The real files without the syncs: for tests of what the log reads and repairs (and of crashes that,
 * like `kill -9`, keep what reached the page cache), where waiting for the disk proves nothing.
 */
export function noSyncFs(): LogFs {
  const skip = async () => undefined;
  return wrapFs({ around: { fdatasync: skip, fsync: skip, fsyncDirectory: skip } }).fs;
}

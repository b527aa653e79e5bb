/**
 * One crash round: a child process (append-child.ts) opens the change log and appends from 10 concurrent
 * writers, printing each seq only after its append resolved; it is killed with SIGKILL at a random moment;
 * the log, as the kill left it, is copied aside and opened there, and every acknowledged change of this
 * round and of the earlier ones on the same log must be in it, at its seq. The original is left as killed,
 * for the next round's child to open (and repair) itself.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openChangeLog } from '../../../src/node/change-log.ts';
import { idOf } from './changes.ts';

const CHILD = fileURLToPath(new URL('./append-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface CrashRoundOptions {
  /** The log's path; rounds on the same path continue its log. */
  readonly path: string;
  readonly round: number;
  /** SIGKILL this long after the child said it was ready (ms). */
  readonly killAfterMs: number;
  readonly writers?: number;
  readonly pad?: number;
  readonly compactMinBytes?: number;
  /** Acknowledged ids of earlier rounds on this path, by seq; this round's are added. */
  readonly acknowledged: Map<number, string>;
}

export interface CrashRoundResult {
  readonly round: number;
  readonly killAfterMs: number;
  /** Changes the child acknowledged (printed) before the kill. */
  readonly acked: number;
  /** Acknowledged changes (this round's or earlier) missing or different after the kill: must be 0. */
  readonly lost: number;
  /** Changes of this round that are durable without having been acknowledged (in flight at the kill). */
  readonly unacked: number;
  /** Problems other than lost changes (a writer's changes out of order, a duplicate…): must be empty. */
  readonly problems: readonly string[];
  /** Compactions the child completed. */
  readonly compactions: number;
  /** What opening the killed log found: a torn tail cut, temporary files removed, records already in the snapshot. */
  readonly repaired: string | undefined;
  readonly removedTemporaryFiles: number;
  readonly staleRecords: number;
  /** How the child's own open of the previous round's killed log went. */
  readonly childOpen: { readonly repaired: string | undefined; readonly removedTemporaryFiles: number; readonly staleRecords: number; readonly ms: number };
  readonly seq: number;
  readonly openMs: number;
}

export async function crashRound(options: CrashRoundOptions): Promise<CrashRoundResult> {
  const { path, round, killAfterMs, writers = 10, pad = 600, compactMinBytes = 65_536, acknowledged } = options;
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path, String(round), String(writers), String(pad), String(compactMinBytes)], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (out.includes('\n')) done(resolve);
      else if (child.exitCode !== null) done(() => reject(new Error(`the child exited (${child.exitCode}) before it was ready:\n${err}`)));
    }, 5);
    const deadline = setTimeout(() => done(() => reject(new Error(`the child was not ready in 30 s:\n${err}`))), 30_000);
    function done(settle: () => void) {
      clearInterval(check);
      clearTimeout(deadline);
      settle();
    }
  });
  await new Promise((resolve) => setTimeout(resolve, killAfterMs));
  child.kill('SIGKILL');
  await closed;
  if (child.signalCode !== 'SIGKILL') throw new Error(`the child ended before the kill (${child.exitCode}):\n${err}`);

  // Only whole lines count: each was written at once, after its append resolved.
  const lines = out.slice(0, out.lastIndexOf('\n')).split('\n');
  const [ready, ...rest] = lines;
  const [, , childReason, childDropped, childTemps, childStale, childMs] = (ready ?? '').split(' ');
  let compactions = 0;
  const thisRound: { seq: number; id: string }[] = [];
  for (const line of rest) {
    const [a, b, c] = line.split(' ');
    if (a === 'compactions') compactions = Number(b);
    else thisRound.push({ seq: Number(a), id: `r${round}-w${b}-${c}` });
  }
  for (const { seq, id } of thisRound) acknowledged.set(seq, id);

  // Open a copy of the killed files (the original stays as it is for the next round).
  const scratch = mkdtempSync(join(tmpdir(), 'flowmock-crash-copy-'));
  const base = basename(path);
  for (const name of readdirSync(dirname(path))) {
    if (name === base || name === `${base}.log` || (name.startsWith(`.${base}.`) && name.endsWith('.tmp'))) copyFileSync(join(dirname(path), name), join(scratch, name));
  }
  const started = performance.now();
  const opened = await openChangeLog(join(scratch, base));
  const openMs = performance.now() - started;
  await opened.log.close();
  rmSync(scratch, { recursive: true, force: true });

  const first = opened.seq - opened.changes.length + 1;
  const idAt = (seq: number) => {
    const found = seq >= first ? opened.changes[seq - first] : undefined;
    return found === undefined ? undefined : idOf(found);
  };
  let lost = 0;
  for (const [seq, id] of acknowledged) if (idAt(seq) !== id) lost++;
  const problems: string[] = [];
  const mine = opened.changes.map((c) => idOf(c)).filter((id): id is string => id?.startsWith(`r${round}-`) === true);
  if (new Set(mine).size !== mine.length) problems.push('a change is there twice');
  for (let w = 0; w < writers; w++) {
    const is = mine.filter((id) => id.startsWith(`r${round}-w${w}-`)).map((id) => Number(id.split('-')[2]));
    if (!is.every((i, k) => i === k)) problems.push(`writer ${w}'s changes are not 0, 1, 2… in order: ${is.slice(0, 8).join(',')}…`);
  }
  return {
    round, killAfterMs, acked: thisRound.length, lost, unacked: mine.length - thisRound.length, problems, compactions,
    repaired: opened.repaired ? `${opened.repaired.reason} (${opened.repaired.droppedBytes} bytes)` : undefined,
    removedTemporaryFiles: opened.removedTemporaryFiles.length,
    staleRecords: opened.staleRecords,
    childOpen: {
      repaired: childReason === '-' || childReason === undefined ? undefined : `${childReason} (${childDropped} bytes)`,
      removedTemporaryFiles: Number(childTemps),
      staleRecords: Number(childStale),
      ms: Number(childMs),
    },
    seq: opened.seq,
    openMs,
  };
}

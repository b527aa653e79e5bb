/**
 * The durable change log (src/node/change-log.ts) through its API and real files: round trip, group
 * commit, a log truncated at every byte of its last records, damage in the middle, resets, compactions,
 * a crash at every step of them, the version-1 state file, and a write cost that does not grow.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { encodeRecord } from '../../src/core/change-stream.ts';
import type { MockChange } from '../../src/core/state-changes.ts';
import { ChangeLogDamagedError, ChangeLogError, openChangeLog, type ChangeLog, type OpenedChangeLog } from '../../src/node/change-log.ts';
import { change, clock, idOf, removeTempDirs, scenario, tempDir } from './helpers/changes.ts';
import { commitWatcher, CrashError, crashFs, noSyncFs, wrapFs } from './helpers/fault-fs.ts';

const A = scenario('a');
const B = scenario('b', 2);

const open: ChangeLog[] = [];
async function openLog(path: string, options: Parameters<typeof openChangeLog>[1] = {}): Promise<OpenedChangeLog> {
  const opened = await openChangeLog(path, { initialScenario: A, ...options });
  open.push(opened.log);
  return opened;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((log) => log.close()));
});
afterAll(removeTempDirs);

async function reopen(path: string, options: Parameters<typeof openChangeLog>[1] = {}): Promise<OpenedChangeLog> {
  await Promise.all(open.splice(0).map((log) => log.close()));
  return openLog(path, options);
}

/** The state a restart rebuilds, compared by ids. */
function ids(changes: readonly MockChange[]): (string | undefined)[] {
  return changes.map(idOf);
}

describe('openChangeLog / append', () => {
  it('starts from the initial scenario, keeps every append, and reads it all back', async () => {
    const path = join(tempDir(), 'state.json');
    const first = await openLog(path);
    expect(first).toMatchObject({ scenario: A, changes: [], seq: 0, restored: false, removedTemporaryFiles: [], staleRecords: 0 });
    expect(first.repaired).toBeUndefined();
    expect(await first.log.append(change('c1'))).toBe(1);
    expect(await first.log.append(clock(5))).toBe(2);
    expect(await first.log.append(change('c3'))).toBe(3);

    const second = await reopen(path, { initialScenario: B }); // the file wins over the initial scenario
    expect(second).toMatchObject({ scenario: A, seq: 3, restored: true, changes: [change('c1'), clock(5), change('c3')] });
    expect(await second.log.append(change('c4'))).toBe(4);
    expect((await reopen(path)).changes).toHaveLength(4);
    // The files: a version-2 snapshot, and one JSON line per record.
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ format: 'flowmock-state', version: 2, seq: 0, changes: [] });
    const lines = readFileSync(`${path}.log`, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { seq: number });
    expect(lines.map((line) => line.seq)).toEqual([1, 2, 3, 4]);
  });

  it('takes a copy of the change when append is called', async () => {
    const path = join(tempDir(), 'state.json');
    const { log } = await openLog(path);
    const rules = [{ id: 'before', api: 'b3os' as const }];
    const pending = log.append({ kind: 'faults', rules });
    rules[0] = { id: 'after', api: 'b3os' };
    await pending;
    expect(ids((await reopen(path)).changes)).toEqual(['before']);
  });

  it('group-commits concurrent appends: fewer syncs than appends, each acknowledged after its sync', async () => {
    const path = join(tempDir(), 'state.json');
    const watch = commitWatcher();
    const { log } = await openLog(path, { fs: watch.fs });
    const acked: number[] = [];
    const ack = (seq: number) => {
      expect(watch.durable.has(seq)).toBe(true); // its fdatasync has returned
      acked.push(seq);
    };
    // 100 appends in one turn: one write, one sync.
    await Promise.all(Array.from({ length: 100 }, (_, i) => log.append(change(`burst-${i}`)).then(ack)));
    expect(watch.syncs).toHaveLength(1);
    expect(watch.syncs[0]).toHaveLength(100);
    // 10 writers, each awaiting its own appends: batches form while a sync is in flight.
    await Promise.all(Array.from({ length: 10 }, async (_, w) => {
      for (let i = 0; i < 20; i++) ack(await log.append(change(`w${w}-${i}`)));
    }));
    expect(acked).toHaveLength(300);
    expect(watch.syncs.length).toBeLessThan(1 + 200 / 4);
    expect(log.stats).toMatchObject({ records: 300, batches: watch.syncs.length });
    const reopened = await reopen(path);
    expect(reopened.seq).toBe(300);
    for (let w = 0; w < 10; w++) {
      expect(ids(reopened.changes).filter((id) => id?.startsWith(`w${w}-`))).toEqual(Array.from({ length: 20 }, (_, i) => `w${w}-${i}`));
    }
  });

  it('writes the appends made during a sync together, in one write and one sync', async () => {
    const path = join(tempDir(), 'state.json');
    const watch = commitWatcher();
    const { log } = await openLog(path, { fs: watch.fs });
    let release!: () => void;
    watch.gate(new Promise<void>((resolve) => { release = resolve; }));
    const first = log.append(change('first'));
    await new Promise((resolve) => setTimeout(resolve, 20)); // its sync is now held on the gate
    let settled = 0;
    const rest = Array.from({ length: 20 }, (_, i) => log.append(change(`rest-${i}`)).then((seq) => { settled++; return seq; }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(0);
    release();
    expect(await first).toBe(1);
    expect(await Promise.all(rest)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(watch.writes).toEqual([[1], Array.from({ length: 20 }, (_, i) => i + 2)]);
    expect(watch.syncs).toEqual(watch.writes);
  });

  it('costs one record and one sync per append, however long the log', async () => {
    const path = join(tempDir(), 'state.json');
    const written: number[] = [];
    const { fs, calls } = wrapFs({ before: (call, args) => { if (call === 'write') written.push(args[3] as number); } });
    const { log } = await openLog(path, { fs, autoCompact: false });
    for (let round = 0; round < 6; round++) await Promise.all(Array.from({ length: 500 }, (_, i) => log.append(change(`${round}-${i}`))));
    expect(log.seq).toBe(3000);
    written.length = 0;
    calls.clear();
    await log.append(change('one-more'));
    expect(written).toEqual([encodeRecord(3001, change('one-more')).length]);
    expect(Object.fromEntries(calls)).toEqual({ write: 1, fdatasync: 1 });
  });

  it('refuses a second open of the same path in one process, and operations after close', async () => {
    const path = join(tempDir(), 'state.json');
    const { log } = await openLog(path);
    await expect(openChangeLog(path)).rejects.toThrow(/already open in this process/);
    await log.close();
    await expect(log.append(clock(1))).rejects.toThrow(/closed/);
    await expect(reopen(path)).resolves.toMatchObject({ seq: 0 });
  });

  it('needs an initial scenario to start, and a snapshot for a log', async () => {
    const dir = tempDir();
    await expect(openChangeLog(join(dir, 'state.json'))).rejects.toThrow(/no initial scenario/);
    writeFileSync(join(dir, 'orphan.json.log'), encodeRecord(1, clock(1)));
    await expect(openChangeLog(join(dir, 'orphan.json'), { initialScenario: A })).rejects.toThrow(/snapshot .* is missing/);
    writeFileSync(join(dir, 'garbage.json'), '{"format":"flowmock-state","vers');
    await expect(openChangeLog(join(dir, 'garbage.json'), { initialScenario: A })).rejects.toThrow(/garbage\.json: not valid JSON.*move it away/);
  });

  it('validates the snapshot\'s scenario with the given validator', async () => {
    const path = join(tempDir(), 'state.json');
    await (await openLog(path)).log.close();
    open.length = 0;
    const validateScenario = (value: unknown, origin: string) => {
      throw new Error(`${origin}: ${(value as { name: string }).name} is refused`);
    };
    await expect(openChangeLog(path, { validateScenario })).rejects.toThrow(/state\.json \(scenario\): a is refused/);
  });
});

describe('a torn tail', () => {
  /** Six records, then the log cut inside each of the last three, at every byte. */
  it('cut at every byte offset of the last records: the complete ones, the repair reported, appends work', async () => {
    const dir = tempDir();
    const source = join(dir, 'source.json');
    const { log } = await openLog(source);
    for (let i = 1; i <= 6; i++) await log.append(change(`c${i}`));
    await log.close();
    open.length = 0;
    const snapshot = readFileSync(source);
    const full = readFileSync(`${source}.log`);
    const ends = [...full.entries()].filter(([, byte]) => byte === 10).map(([i]) => i + 1);
    const fs = noSyncFs(); // ~250 opens: what is read and cut matters here, not the disk's flush
    let cases = 0;
    for (let record = 3; record < 6; record++) {
      const start = ends[record - 1] as number;
      for (let cut = start; cut < (ends[record] as number); cut++) {
        const path = join(dir, `cut-${cut}.json`);
        writeFileSync(path, snapshot);
        writeFileSync(`${path}.log`, full.subarray(0, cut));
        const opened = await openChangeLog(path, { fs });
        expect(ids(opened.changes)).toEqual(Array.from({ length: record }, (_, i) => `c${i + 1}`));
        if (cut === start) expect(opened.repaired).toBeUndefined();
        else expect(opened.repaired).toMatchObject({ reason: 'torn', offset: start, droppedBytes: cut - start, droppedRecords: 0 });
        expect(statSync(`${path}.log`).size).toBe(start);
        expect(await opened.log.append(change('next'))).toBe(record + 1);
        await opened.log.close();
        const again = await openChangeLog(path, { fs });
        expect(again.repaired).toBeUndefined();
        expect(ids(again.changes)).toEqual([...Array.from({ length: record }, (_, i) => `c${i + 1}`), 'next']);
        await again.log.close();
        cases++;
      }
    }
    expect(cases).toBe(ends[5]! - ends[2]!);
  });

  it('a bad checksum in the last record is cut off and reported', async () => {
    const path = join(tempDir(), 'state.json');
    const { log } = await openLog(path);
    for (let i = 1; i <= 3; i++) await log.append(change(`c${i}`));
    await log.close();
    const bytes = readFileSync(`${path}.log`);
    const lastStart = bytes.lastIndexOf(10, bytes.length - 2) + 1;
    bytes[bytes.indexOf('c3', lastStart)] = 'C'.charCodeAt(0);
    writeFileSync(`${path}.log`, bytes);
    const opened = await reopen(path);
    expect(opened.repaired).toMatchObject({ reason: 'checksum', offset: lastStart, droppedBytes: bytes.length - lastStart });
    expect(ids(opened.changes)).toEqual(['c1', 'c2']);
  });
});

describe('damage in the middle', () => {
  async function damagedLog(): Promise<{ path: string; before: Buffer; offset: number }> {
    const path = join(tempDir(), 'state.json');
    const { log } = await openLog(path);
    for (let i = 1; i <= 6; i++) await log.append(change(`c${i}`));
    await log.close();
    open.length = 0;
    const bytes = readFileSync(`${path}.log`);
    const offset = bytes.indexOf(10) + 1; // the second record
    bytes[bytes.indexOf('c2', offset)] = 'x'.charCodeAt(0);
    writeFileSync(`${path}.log`, bytes);
    return { path, before: bytes, offset };
  }

  it('is an error that names the offset, and changes nothing', async () => {
    const { path, before, offset } = await damagedLog();
    const error = await openChangeLog(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChangeLogDamagedError);
    expect(error).toMatchObject({ offset, reason: 'checksum', file: `${path}.log` });
    expect((error as Error).message).toMatch(new RegExp(`damaged at byte offset ${offset} \\(checksum: .*4 verified record\\(s\\) follow it.*repair: 'truncate-damage'`));
    expect(readFileSync(`${path}.log`)).toEqual(before);
    // The path is not left open.
    await expect(openChangeLog(path)).rejects.toThrow(ChangeLogDamagedError);
  });

  it('is cut off on request, with what was dropped', async () => {
    const { path, offset } = await damagedLog();
    const opened = await openLog(path, { repair: 'truncate-damage' });
    expect(ids(opened.changes)).toEqual(['c1']);
    expect(opened.repaired).toMatchObject({ reason: 'checksum', offset, droppedRecords: 4 });
    expect(await opened.log.append(change('next'))).toBe(2);
  });

  it('a gap in seq is damage too', async () => {
    const path = join(tempDir(), 'state.json');
    await (await openLog(path)).log.close();
    open.length = 0;
    writeFileSync(`${path}.log`, encodeRecord(1, clock(1)) + encodeRecord(2, clock(2)) + encodeRecord(4, clock(4)));
    const error = await openChangeLog(path).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'seq-gap', offset: encodeRecord(1, clock(1)).length * 2 });
    expect((error as Error).message).toMatch(/seq 4 where 3 was expected\); a record is missing or repeated/);
  });
});

describe('reset and compaction', () => {
  it('a reset starts a new base with no changes; seq goes on', async () => {
    const path = join(tempDir(), 'state.json');
    const { log } = await openLog(path);
    await log.append(change('a1'));
    await log.append(change('a2'));
    await log.reset(B);
    expect(statSync(`${path}.log`).size).toBe(0);
    expect(await log.append(change('b1'))).toBe(3);
    const opened = await reopen(path);
    expect(opened).toMatchObject({ scenario: B, seq: 3, changes: [change('b1')], staleRecords: 0 });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ seq: 2, scenario: B, changes: [] });
  });

  it('compacts on request (the durable state, or a folded equivalent), and on its own past a threshold', async () => {
    const path = join(tempDir(), 'state.json');
    const { log } = await openLog(path, { autoCompact: false });
    await log.append(clock(1));
    await log.append(clock(2));
    await log.compact();
    expect(statSync(`${path}.log`).size).toBe(0);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ seq: 2, changes: [clock(1), clock(2)] });
    await log.append(clock(3));
    await log.compact({ scenario: A, changes: [clock(3)] }); // only the last clock matters
    await log.append(change('x'));
    expect(await reopen(path)).toMatchObject({ seq: 4, changes: [clock(3), change('x')] });

    const auto = join(tempDir(), 'auto.json');
    const opened = await openLog(auto, { autoCompact: { minLogBytes: 2000, ratio: 1 } });
    for (let i = 0; i < 200; i++) await opened.log.append(change(`c${i}`));
    expect(opened.log.stats.compactions).toBeGreaterThanOrEqual(2);
    // Geometric: each compaction waits for the log to reach the snapshot's size.
    expect(opened.log.stats.compactions).toBeLessThan(8);
    expect(statSync(`${auto}.log`).size).toBeLessThan(statSync(auto).size);
    expect(ids((await reopen(auto)).changes)).toEqual(Array.from({ length: 200 }, (_, i) => `c${i}`));
  });

  it('removes the temporary files a crash left, ours and flowmock 0.1\'s', async () => {
    const dir = tempDir();
    const path = join(dir, 'state.json');
    await (await openLog(path)).log.close();
    open.length = 0;
    for (const name of ['.state.json.4242.tmp', '.state.json.77-a1b2c3.tmp', '.other.json.1.tmp', 'state.json.tmp']) writeFileSync(join(dir, name), 'x');
    const opened = await openLog(path);
    expect([...opened.removedTemporaryFiles].sort()).toEqual(['.state.json.4242.tmp', '.state.json.77-a1b2c3.tmp']);
    expect(readdirSync(dir).sort()).toEqual(['.other.json.1.tmp', 'state.json', 'state.json.log', 'state.json.tmp']);
  });

  it('reads a version-1 state file once and migrates it', async () => {
    const path = join(tempDir(), 'state.json');
    writeFileSync(path, JSON.stringify({ format: 'flowmock-state', version: 1, scenario: B, changes: [clock(1), change('old')] }));
    const opened = await openLog(path);
    expect(opened).toMatchObject({ scenario: B, seq: 2, changes: [clock(1), change('old')], migrated: 'flowmock-state v1' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ version: 2, seq: 2 });
    expect(await opened.log.append(change('new'))).toBe(3);
    const again = await reopen(path);
    expect(again.migrated).toBeUndefined();
    expect(ids(again.changes)).toEqual([undefined, 'old', 'new']);
  });
});

describe('a crash at every step', () => {
  type State = { scenario: string; ids: (string | undefined)[] };
  type Step = { run: (log: ChangeLog) => Promise<unknown>; after: State[] };

  /** The workload: each step, and the state after each of its operations (a prefix of them may land). */
  function workload(): Step[] {
    const s = (scenarioName: string, ...list: string[]): State => ({ scenario: scenarioName, ids: list });
    return [
      { run: (log) => log.append(change('1')), after: [s('a', '1')] },
      {
        run: (log) => Promise.all([log.append(change('2')), log.append(change('3')), log.append(change('4'))]),
        after: [s('a', '1', '2'), s('a', '1', '2', '3'), s('a', '1', '2', '3', '4')],
      },
      { run: (log) => log.compact(), after: [s('a', '1', '2', '3', '4')] },
      { run: (log) => log.append(change('5')), after: [s('a', '1', '2', '3', '4', '5')] },
      { run: (log) => log.reset(B), after: [s('b')] },
      { run: (log) => log.append(change('6')), after: [s('b', '6')] },
      { run: (log) => log.append(change('7')), after: [s('b', '6', '7')] },
      { run: (log) => log.compact({ scenario: B, changes: [change('7')] }), after: [s('b', '7')] },
      { run: (log) => log.append(change('8')), after: [s('b', '7', '8')] },
    ];
  }

  // A crash as kill -9 makes it: what was written stays (the page cache survives); syncs are skipped.
  const fs = noSyncFs();

  async function runUntilCrash(path: string, at: number): Promise<{ acked: State; possible: State[]; mutations: number; crashed: boolean }> {
    const crash = crashFs(at, 0.5, fs);
    let acked: State = { scenario: 'a', ids: [] };
    let possible: State[] = [acked];
    let log: ChangeLog | undefined;
    try {
      log = (await openChangeLog(path, { initialScenario: A, fs: crash.fs, autoCompact: false })).log;
      for (const step of workload()) {
        possible = [acked, ...step.after];
        await step.run(log);
        acked = step.after.at(-1) as State;
        possible = [acked];
      }
    } catch (error) {
      if (!(error instanceof CrashError) && !(error instanceof ChangeLogError)) throw error;
    } finally {
      await log?.close();
    }
    return { acked, possible, mutations: crash.mutations(), crashed: crash.crashed() };
  }

  it('open() yields exactly an acknowledged state (or the one in flight), and appends work after', async () => {
    const dir = tempDir();
    const clean = await runUntilCrash(join(dir, 'clean.json'), Number.MAX_SAFE_INTEGER);
    expect(clean.crashed).toBe(false);
    const steps = clean.mutations;
    expect(steps).toBeGreaterThan(30);
    const outcomes = new Map<string, number>();
    for (let at = 1; at <= steps; at++) {
      const path = join(dir, `crash-${at}.json`);
      const run = await runUntilCrash(path, at);
      expect(run.crashed).toBe(true);
      const opened = await openChangeLog(path, { initialScenario: A, fs });
      const state: State = { scenario: opened.scenario.name, ids: ids(opened.changes) };
      expect(run.possible).toContainEqual(state);
      const key = `${opened.repaired ? 'repaired' : ''}${opened.removedTemporaryFiles.length > 0 ? ' temp-removed' : ''}${opened.staleRecords > 0 ? ' stale-skipped' : ''}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      expect(await opened.log.append(change('after'))).toBe(opened.seq + 1);
      await opened.log.close();
      const again = await openChangeLog(path, { fs });
      expect(ids(again.changes).at(-1)).toBe('after');
      await again.log.close();
    }
    // Every kind of interruption occurred: a torn write, a snapshot cut before its rename, after it.
    expect([...outcomes.keys()].join('|')).toMatch(/repaired/);
    expect([...outcomes.keys()].join('|')).toMatch(/temp-removed/);
    expect([...outcomes.keys()].join('|')).toMatch(/stale-skipped/);
  });
});

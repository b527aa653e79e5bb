/**
 * The change log under failing I/O: a full disk (a real 64 KiB tmpfs when this machine lets us mount one,
 * and always a simulated one), short writes, a failed sync, a failed undo, a failed snapshot. Every
 * acknowledged change survives a reopen, every refused one is absent, and the log works again after.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  ChangeLogBrokenError, ChangeLogWriteError, openChangeLog, type ChangeLog, type ChangeLogOptions, type DurableState, type OpenedChangeLog,
} from '../../src/node/change-log.ts';
import { nodeLogFs, type LogFs } from '../../src/node/log-fs.ts';
import { change, idOf, removeTempDirs, scenario, tempDir } from './helpers/changes.ts';
import { errno, quotaFs, wrapFs } from './helpers/fault-fs.ts';

const A = scenario('a');
const B = scenario('b', 2);

const open: ChangeLog[] = [];
async function openLog(path: string, options: ChangeLogOptions = {}): Promise<OpenedChangeLog> {
  const opened = await openChangeLog(path, { initialScenario: A, ...options });
  open.push(opened.log);
  return opened;
}
async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((log) => log.close()));
}
afterEach(closeAll);
afterAll(removeTempDirs);

interface Fill {
  readonly acked: { seq: number; id: string }[];
  readonly refused: { id: string; code: string }[];
}

/** 10 writers append until each has been refused `failures` times. */
async function fillUntilFull(log: ChangeLog, { prefix, pad = 200, failures = 3 }: { prefix: string; pad?: number; failures?: number }): Promise<Fill> {
  const acked: Fill['acked'] = [];
  const refused: Fill['refused'] = [];
  await Promise.all(Array.from({ length: 10 }, async (_, w) => {
    let refusals = 0;
    for (let i = 0; refusals < failures && i < 5000; i++) {
      const id = `${prefix}w${w}-${i}`;
      try {
        acked.push({ seq: await log.append(change(id, pad)), id });
      } catch (error) {
        expect(error).toBeInstanceOf(ChangeLogWriteError);
        refused.push({ id, code: (error as ChangeLogWriteError).code });
        refusals++;
      }
    }
  }));
  acked.sort((a, b) => a.seq - b.seq);
  return { acked, refused };
}

/** Reopens: exactly the acknowledged changes, none refused, no repair needed (the refused writes were undone). */
async function expectExactly(path: string, acked: readonly { id: string }[], options: ChangeLogOptions = {}): Promise<OpenedChangeLog> {
  await closeAll();
  const opened = await openLog(path, options);
  expect(opened.repaired).toBeUndefined();
  expect(opened.changes.map(idOf)).toEqual(acked.map((a) => a.id));
  return opened;
}

describe('a full disk (simulated: the log may not grow past a limit)', () => {
  it('acknowledged appends survive, refused ones are absent, and appends work again once there is room', async () => {
    const path = join(tempDir(), 'state.json');
    const disk = quotaFs(0);
    const { log } = await openLog(path, { fs: disk.fs });
    disk.setLimit(20_000);
    const full = await fillUntilFull(log, { prefix: 'a-' });
    expect(full.acked.length).toBeGreaterThan(20);
    expect(full.refused.length).toBeGreaterThanOrEqual(30);
    expect(full.refused.some((r) => r.code === 'ENOSPC')).toBe(true);
    expect(full.refused.every((r) => r.code === 'ENOSPC' || r.code === 'EREFUSED')).toBe(true);
    expect(full.acked.map((a) => a.seq)).toEqual(full.acked.map((_, i) => i + 1));
    // The refused batch was undone at once: the file ends with the last acknowledged record.
    expect(statSync(`${path}.log`).size).toBe(log.stats.logBytes);
    expect(log.stats.failedWrites).toBeGreaterThan(0);

    disk.setLimit(Number.MAX_SAFE_INTEGER);
    const seq = await log.append(change('after'));
    expect(seq).toBe(full.acked.length + 1);
    await expectExactly(path, [...full.acked, { id: 'after' }]);
  });

  it('short writes are continued, not taken for whole ones', async () => {
    const path = join(tempDir(), 'state.json');
    let writes = 0;
    const { fs } = wrapFs({
      around: {
        write: (fd, buffer, offset, length, position) => {
          writes++;
          return nodeLogFs.write(fd, buffer, offset, Math.min(length, 7), position);
        },
      },
    });
    const { log } = await openLog(path, { fs });
    const ids = Array.from({ length: 30 }, (_, i) => `short-${i}`);
    await Promise.all(ids.map((id) => log.append(change(id))));
    expect(writes).toBeGreaterThan(30 * 10);
    await expectExactly(path, ids.map((id) => ({ id })));
  });
});

describe('a failed write', () => {
  function failingFs(plan: { sync?: () => Promise<void> | void; truncate?: () => void }): LogFs {
    return wrapFs({
      async before(call) {
        if (call === 'fdatasync') await plan.sync?.();
        if (call === 'ftruncate') plan.truncate?.();
      },
    }).fs;
  }

  it('rejects its batch and everything queued behind it, tells onWriteFailure first, and keeps none of them', async () => {
    const path = join(tempDir(), 'state.json');
    let failSync: Promise<void> | undefined;
    const told: { error: ChangeLogWriteError; durable: DurableState }[] = [];
    const opened = await openLog(path, {
      fs: failingFs({ sync: () => failSync }),
      onWriteFailure: (error) => told.push({ error, durable: opened.log.durable() }),
    });
    const { log } = opened;
    await log.append(change('kept'));
    let fail!: () => void;
    failSync = new Promise<void>((_, reject) => { fail = () => reject(errno('EIO', 'fdatasync')); });
    const outcome = (p: Promise<unknown>) => p.then(() => 'resolved', (e: ChangeLogWriteError) => {
      expect(told).toHaveLength(1); // the failure was told before any rejection
      return e.code;
    });
    const refused = outcome(log.append(change('refused')));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const behind = [outcome(log.append(change('behind-1'))), outcome(log.reset(B)), outcome(log.append(change('behind-2'))), outcome(log.compact())];
    failSync = undefined;
    fail();
    expect(await refused).toBe('EIO');
    expect(await Promise.all(behind)).toEqual(['EREFUSED', 'EREFUSED', 'EREFUSED', 'EREFUSED']);
    expect(told[0]?.durable).toEqual({ scenario: A, seq: 1, changes: [change('kept')] });
    expect(told[0]?.error.message).toMatch(/1 change\(s\) not written \(EIO: i\/o error, fdatasync\); nothing of it was kept/);
    // Later operations are tried afresh.
    expect(await log.append(change('later'))).toBe(2);
    const reopened = await expectExactly(path, [{ id: 'kept' }, { id: 'later' }]);
    expect(reopened.scenario).toEqual(A);
  });

  it('that cannot be undone leaves the log broken until it is reopened (a torn tail then)', async () => {
    const path = join(tempDir(), 'state.json');
    const disk = quotaFs(Number.MAX_SAFE_INTEGER);
    let truncateFails = false;
    const fs = wrapFs({ before: (call) => { if (call === 'ftruncate' && truncateFails) throw errno('EIO', 'ftruncate'); } }, disk.fs).fs;
    const { log } = await openLog(path, { fs });
    await log.append(change('kept'));
    disk.setLimit(log.stats.logBytes + 30); // the next record is cut after 30 bytes
    truncateFails = true;
    await expect(log.append(change('torn'))).rejects.toMatchObject({ code: 'ENOSPC' });
    await expect(log.append(change('refused'))).rejects.toThrow(ChangeLogBrokenError);
    await expect(log.reset(B)).rejects.toThrow(/unusable until it is reopened.*ENOSPC.*then EIO/);
    await closeAll();
    const reopened = await openLog(path);
    expect(reopened.repaired).toMatchObject({ reason: 'torn', droppedBytes: 30 });
    expect(reopened.changes.map(idOf)).toEqual(['kept']);
  });

  it('of a snapshot fails the reset (nothing changed) but never an append: compaction waits', async () => {
    const dir = tempDir();
    const path = join(dir, 'state.json');
    const disk = quotaFs(Number.MAX_SAFE_INTEGER);
    const { log } = await openLog(path, { fs: disk.fs, autoCompact: { minLogBytes: 2_000, ratio: 0 } });
    disk.failSnapshots(true);
    const ids = Array.from({ length: 60 }, (_, i) => `c${i}`);
    for (const id of ids) await log.append(change(id));
    expect(log.stats).toMatchObject({ compactions: 0, records: 60 });
    expect(log.stats.failedCompactions).toBeGreaterThan(0);
    await expect(log.compact()).rejects.toMatchObject({ code: 'ENOSPC', message: expect.stringMatching(/the compaction not written/) });
    await expect(log.reset(B)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(log.durable().scenario).toEqual(A);
    expect(readdirSync(dir).sort()).toEqual(['state.json', 'state.json.log']);
    disk.failSnapshots(false);
    await log.append(change('c60'));
    await log.compact();
    expect(log.stats.compactions).toBeGreaterThan(0);
    await expectExactly(path, [...ids, 'c60'].map((id) => ({ id })));
  });
});

// ------------------------------------------------------------------------------ a real full disk

/** A 64 KiB tmpfs, if this machine lets us mount one (root, CAP_SYS_ADMIN); undefined otherwise. */
function mountSmallDisk(): { dir: string; unmount(): void } | undefined {
  if (process.platform !== 'linux') return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'flowmock-full-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0755', 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return {
    dir,
    unmount() {
      execFileSync('umount', [dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const disk = mountSmallDisk();
afterAll(() => disk?.unmount());

describe.skipIf(disk === undefined)('a full disk (a real 64 KiB tmpfs)', () => {
  it.each([
    ['without compaction', false as const],
    ['with compactions on the full disk', { minLogBytes: 6_000, ratio: 0 }],
  ])('%s: acknowledged appends survive, refused ones are absent, appends work again after room is made', async (_, autoCompact) => {
    const dir = join(disk!.dir, autoCompact === false ? 'plain' : 'compacting');
    mkdirSync(dir);
    const ballast = join(dir, 'ballast');
    writeFileSync(ballast, Buffer.alloc(16 * 1024));
    const path = join(dir, 'state.json');
    const { log } = await openLog(path, { autoCompact });
    const full = await fillUntilFull(log, { prefix: 'disk-', pad: 300 });
    expect(full.acked.length).toBeGreaterThan(10);
    expect(full.refused.some((r) => r.code === 'ENOSPC')).toBe(true);
    expect(full.acked.map((a) => a.seq)).toEqual(full.acked.map((_, i) => i + 1));
    expect(statSync(`${path}.log`).size).toBe(log.stats.logBytes);
    if (autoCompact !== false) {
      expect(log.stats.compactions).toBeGreaterThan(0);
      expect(log.stats.failedCompactions).toBeGreaterThan(0);
    }

    // Reopening needs no space; the disk is still full.
    const reopened = await expectExactly(path, full.acked, { autoCompact });
    await expect(reopened.log.append(change('still-full', 4000))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    rmSync(ballast);
    expect(await reopened.log.append(change('after', 300))).toBe(full.acked.length + 1);
    await expectExactly(path, [...full.acked, { id: 'after' }]);
    await closeAll();
    rmSync(dir, { recursive: true });
  });
});

if (disk === undefined) {
  describe('a full disk (a real 64 KiB tmpfs)', () => {
    it.skip('needs `mount -t tmpfs` (root on Linux): covered by the simulated full disk above', () => undefined);
  });
}

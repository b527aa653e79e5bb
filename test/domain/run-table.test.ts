/**
 * The run store as columns (src/domain/store/run-table.ts, docs/performance.md#the-run-store-as-columns):
 * a run read back from its row is the run that was added, field for field and key for key; the column
 * forms of the rules (observed status, settling, id order) equal the rules on run objects; the lists keep
 * (createdAt, id) order whatever order runs arrive in; and generated datasets are byte for byte what they
 * were when every run was an object (the digests pinned below were taken before the columns).
 */
import { describe, expect, it } from 'vitest';
import { observedStatus, observedStatusIndex, settlesAt } from '../../src/domain/observed-status.ts';
import { Random } from '../../src/domain/random.ts';
import type { Run } from '../../src/domain/records.ts';
import { buildDataset } from '../../src/domain/scenario/build.ts';
import { RUN_STATUSES, STATUS_INDEX } from '../../src/domain/status.ts';
import { Dataset } from '../../src/domain/store/dataset.ts';
import { RunPools, RunTable } from '../../src/domain/store/run-table.ts';
import { compareRuns } from '../../src/domain/store/sorted-runs.ts';
import { TRIGGERS } from '../../src/domain/trigger.ts';
import { formatUuidWords, parseUuidWords } from '../../src/domain/uuid-words.ts';
import { datasetDigest } from '../../src/node/dataset-digest.ts';
import { loadScenarioFile } from '../../src/node/scenario-file.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const WS = 'ws-1';

/** Runs of every shape: each status, missing instants, no user, odd ids, huge counts, detail. */
function sampleRuns(count: number, random = new Random('run-table')): Run[] {
  const runs: Run[] = [];
  for (let i = 0; i < count; i++) {
    const status = random.pick(RUN_STATUSES);
    const createdAt = NOW - random.int(0, 5) * 60_000; // many ties of createdAt
    const startedAt = random.chance(0.3) ? null : createdAt + random.int(0, 9_000);
    const finishedAt = random.chance(0.3) ? null : (startedAt ?? createdAt) + random.int(0, 9_000);
    const id = i % 7 === 0 ? `run-${random.int(0, 1e9)}` : i % 11 === 0 ? random.uuid().toUpperCase() : random.uuid();
    const run: Run = {
      id, workspaceId: WS, flow: `flow-${i % 3}`, user: i % 5 === 0 ? null : String(1000 + (i % 4)), status, createdAt, startedAt, finishedAt,
      resumed: random.chance(0.2), appActions: i % 13 === 0 ? 2 ** 40 + i : random.int(0, 50), tokens: i % 17 === 0 ? 2 ** 32 - 1 : random.int(0, 5000),
      trigger: random.pick(TRIGGERS), sourceSystem: random.pick(['api', 'zapier', 'cron']), error: status === 'failed' ? random.pick(['boom', 'timeout']) : null,
    };
    runs.push(i % 9 === 0 ? { ...run, detail: { inputs: `in ${i}`, ranByType: 'system' } } : run);
  }
  return runs;
}

function datasetOf(runs: readonly Run[]): Dataset {
  const dataset = new Dataset();
  dataset.addWorkspace({ id: WS, name: 'W', tokens: ['t'] });
  for (let u = 0; u < 4; u++) dataset.addUser(WS, { id: String(1000 + u), name: `U${u}`, email: `u${u}@example.com` });
  for (let f = 0; f < 3; f++) {
    dataset.addFlow({ id: `flow-${f}`, workspaceId: WS, kind: f === 2 ? 'agent' : 'workflow', name: `F${f}`, createdAt: 0, createdBy: '1000', fromTemplate: false, shares: [] });
  }
  for (const run of runs) dataset.addRun(run);
  return dataset;
}

describe('the run store as columns', () => {
  it('gives back every run as it was added, the same JSON included, and finds it by id', () => {
    const runs = sampleRuns(3000);
    const dataset = datasetOf(runs);
    for (const run of runs) {
      const stored = dataset.run(run.id);
      expect(JSON.stringify(stored)).toBe(JSON.stringify(run));
    }
    expect(dataset.run('no-such-run')).toBeUndefined();
    expect(dataset.run(new Random('other').uuid())).toBeUndefined();
    expect(dataset.counts().runs).toBe(runs.length);
  });

  it('keeps every list in (createdAt, id) order whatever order the runs arrive in', () => {
    const runs = sampleRuns(2000);
    const ws = datasetOf(runs).workspace(WS)!;
    const ids = (list: Iterable<Run>) => [...list].map((run) => run.id);
    expect(ids(ws.runs)).toEqual(ids([...runs].sort(compareRuns)));
    for (const [flow, list] of ws.runsByFlow) expect(ids(list), flow).toEqual(ids(runs.filter((r) => r.flow === flow).sort(compareRuns)));
  });

  it('reads observed status and settling from columns as the rules read them from runs', () => {
    const table = new RunTable(new RunPools());
    for (const run of sampleRuns(3000)) {
      const row = table.append(run);
      expect(table.settlesAt(row)).toBe(settlesAt(run));
      for (const now of [run.createdAt - 1, run.createdAt, run.startedAt ?? NOW, (run.startedAt ?? NOW) - 1, run.finishedAt ?? NOW, (run.finishedAt ?? NOW) - 1, NOW + 1e9]) {
        const index = observedStatusIndex(table.status[row]!, table.startedAt[row]!, table.finishedAt[row]!, now);
        expect(RUN_STATUSES[index]).toBe(observedStatus(run, now));
        expect(index).toBe(STATUS_INDEX[observedStatus(run, now)]);
      }
    }
  });

  it('holds ids as words that format back exactly and order as their text', () => {
    const random = new Random('ids');
    const words = new Uint32Array(8);
    for (let i = 0; i < 2000; i++) {
      const a = random.uuid();
      const b = random.uuid();
      expect(parseUuidWords(a, words, 0) && parseUuidWords(b, words, 4)).toBe(true);
      expect(formatUuidWords(words, 0)).toBe(a);
      const table = new RunTable(new RunPools());
      const [x, y] = [a, b].map((id) => table.append({ ...sampleRuns(1, random)[0]!, id }));
      expect(Math.sign(table.ids.compare(x!, y!))).toBe(a < b ? -1 : 1);
    }
    for (const text of ['', 'A0000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-00000000000', '00000000_0000-4000-8000-000000000000', 'g0000000-0000-4000-8000-000000000000']) {
      expect(parseUuidWords(text, words, 0), text).toBe(false);
    }
  });

  it('registers an id in one probe as a lookup and then a register would, refusing a taken id', () => {
    const random = new Random('register');
    const plain = new RunTable(new RunPools());
    const merged = new RunTable(new RunPools());
    const used: string[] = [];
    for (let i = 0; i < 3000; i++) {
      // Words and text ids, some of them taken already.
      const id = i > 0 && i % 5 === 0 ? used[random.int(0, used.length - 1)]! : i % 7 === 0 ? `run-${i}` : random.uuid();
      used.push(id);
      const run = { ...sampleRuns(1, random)[0]!, id };
      const [a, b] = [plain.append(run), merged.append(run)];
      const taken = plain.ids.rowWithIdOf(a);
      if (taken < 0) plain.ids.register(a);
      expect(merged.ids.registerUnlessTaken(b), id).toBe(taken);
    }
    for (const id of used) expect(merged.ids.rowOf(id), id).toBe(plain.ids.rowOf(id));
  });

  it('shares every column: a row written through a table over the shared columns reads back whole in the owner', () => {
    const random = new Random('shared');
    const owner = new RunTable(new RunPools());
    // Rows that already exist move into shared memory with the columns.
    const before = sampleRuns(50, random).map((run) => ({ run, row: owner.append(run) }));
    owner.reserve(200, true);
    expect(owner.isShared).toBe(true);
    const writer = RunTable.overSharedColumns(owner.sharedColumns());
    // What a worker writes: ids as UUID words and values a column holds (a wider one is refused, last below);
    // text ids, wide values and details are kept beside the columns, in the owner only.
    const runs = sampleRuns(100, random).map((run) => ({ ...run, id: random.uuid(), detail: undefined, appActions: run.appActions % 2 ** 31, tokens: run.tokens % 2 ** 31 }));
    for (const run of runs) {
      // The writer's own pools: the same strings, in the same order, get the same indexes in a fresh owner below.
      const row = owner.addRow();
      writer.length = row;
      expect(writer.append(run)).toBe(row);
    }
    const reference = new RunTable(writer.pools);
    for (const run of [...before.map(({ run }) => run), ...runs]) reference.append(run);
    for (let row = 50; row < 150; row++) {
      expect(owner.ids.idOf(row)).toBe(reference.ids.idOf(row));
      for (const column of ['createdAt', 'startedAt', 'finishedAt', 'status', 'trigger', 'resumed', 'workspace', 'flow', 'user', 'source', 'error'] as const) {
        expect(owner[column][row], `${column} of row ${row}`).toBe(reference[column][row]);
      }
      expect([owner.appActions(row), owner.tokens(row)]).toEqual([reference.appActions(row), reference.tokens(row)]);
    }
    for (const { run, row } of before) expect(JSON.stringify(owner.run(row))).toBe(JSON.stringify(run));
    expect(() => writer.setTokens(0, 2 ** 40)).toThrow(RangeError);
  });

  it('updates a run through its object: listeners see it before and after, the columns and lists follow', () => {
    const runs = sampleRuns(500);
    const dataset = datasetOf(runs);
    const target = runs.find((run) => run.status === 'running')!;
    const seen: string[] = [];
    dataset.onRunChange((run, change) => seen.push(`${change} ${run.status}`));
    const updated = dataset.updateRun(target.id, (run) => {
      run.status = 'failed';
      run.finishedAt = (run.startedAt ?? run.createdAt) + 5;
      run.error = 'a new error';
      run.tokens = 2 ** 35;
    });
    expect(seen).toEqual(['before-update running', 'updated failed']);
    expect(dataset.run(target.id)).toBe(updated);
    expect(JSON.stringify(dataset.run(target.id))).toBe(JSON.stringify({ ...target, status: 'failed', finishedAt: (target.startedAt ?? target.createdAt) + 5, error: 'a new error', tokens: 2 ** 35 }));
    const ws = dataset.workspace(WS)!;
    expect([...ws.aggregates.failedLatestFirst()].map((row) => ws.table.ids.idOf(row))).toContain(target.id);
  });

  it('generates the same datasets, to the byte, as when runs were objects', () => {
    const digest = (name: string) => datasetDigest(buildDataset(loadScenarioFile(name).document, { now: NOW }));
    expect(digest('default')).toBe('a9fba68a7fa12163517e5ec73d6d589191772974cd49a06380245355b0807675');
    expect(digest('edge-cases')).toBe('d7fcb8eb70bf816549c905fc6c7e9c03c3b909f9a12de26374183b4a0212ce75');
  });
});

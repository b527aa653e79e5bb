import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/domain/scenario/build.ts';
import { datasetDigest } from '../../src/node/dataset-digest.ts';
import { loadScenarioFile } from '../../src/node/scenario-file.ts';
import { ROOT } from '../helpers/cli.ts';
import { distProblem } from '../helpers/dist.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');

function digestOf(name: string, change: (doc: ReturnType<typeof loadScenarioFile>['document']) => void = () => {}) {
  const { document } = loadScenarioFile(name);
  change(document);
  return datasetDigest(buildDataset(document, { now: NOW }));
}

describe('deterministic generation', () => {
  it('gives the same dataset for the same scenario, seed and clock, across two loads', () => {
    expect(digestOf('default')).toBe(digestOf('default'));
  });

  it('gives the same dataset across two processes', () => {
    const script = `
      import { buildDataset } from './src/domain/scenario/build.ts';
      import { datasetDigest } from './src/node/dataset-digest.ts';
      import { loadScenarioFile } from './src/node/scenario-file.ts';
      const { document } = loadScenarioFile('default');
      process.stdout.write(datasetDigest(buildDataset(document, { now: ${NOW} })));`;
    const run = () => execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    const first = run();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(run()).toBe(first);
    expect(first).toBe(digestOf('default'));
  });

  it('gives a different dataset for a different seed', () => {
    expect(digestOf('default', (doc) => { doc.seed += 1; })).not.toBe(digestOf('default'));
  });

  it('gives a different dataset for a different clock when the span follows the clock', () => {
    const { document } = loadScenarioFile('default');
    const a = datasetDigest(buildDataset(document, { now: NOW }));
    const b = datasetDigest(buildDataset(document, { now: NOW + 3_600_000 }));
    expect(a).not.toBe(b);
  });
});

/**
 * The Node server has large volumes written by a worker (src/node/runs-in-worker.ts), from the compiled
 * package: the same dataset must come out. Run on `default` with the worker taking every workspace.
 */
const problem = distProblem();
describe.skipIf(problem !== undefined)(`generation in a worker${problem === undefined ? '' : ` (skipped: ${problem})`}`, () => {
  it('gives the dataset that generation in this thread gives, the worker writing to shared columns', async () => {
    const dist = (path: string) => pathToFileURL(join(ROOT, 'dist', path)).href;
    const { buildDataset: build } = (await import(dist('domain/scenario/build.js'))) as typeof import('../../src/domain/scenario/build.ts');
    const { runsInWorker } = (await import(dist('node/runs-in-worker.js'))) as typeof import('../../src/node/runs-in-worker.ts');
    const { datasetDigest: digest } = (await import(dist('node/dataset-digest.js'))) as typeof import('../../src/node/dataset-digest.ts');
    const writer = runsInWorker(0);
    expect(writer, 'dist/node/runs-worker.js is there').toBeDefined();
    let workers = 0;
    const counting = { sharesColumnsFor: writer!.sharesColumnsFor, write: (...args: Parameters<NonNullable<typeof writer>["write"]>) => { workers++; return writer!.write(...args); } };
    const { document } = loadScenarioFile('default');
    const dataset = build(document, { now: NOW, runsWriter: counting });
    expect(dataset.table.isShared).toBe(true);
    expect(workers).toBe(document.workspaces.filter((ws) => (ws.generate?.runs ?? 0) > 0).length);
    expect(workers).toBeGreaterThan(0);
    expect(digest(dataset)).toBe(digestOf('default'));
  });

  // A failure that lands while the build is busy with rows (its notify lost) is caught by the worker setting
  // the count to FAILED (src/node/runs-worker.ts): a race this test cannot force, checked by reading.
  it('says why a worker failed in the middle of its rows, instead of waiting for rows that never come', async () => {
    const dist = (path: string) => pathToFileURL(join(ROOT, 'dist', path)).href;
    const { runsInWorker } = (await import(dist('node/runs-in-worker.js'))) as typeof import('../../src/node/runs-in-worker.ts');
    const { RunPools, RunTable } = (await import(dist('domain/store/run-table.js'))) as typeof import('../../src/domain/store/run-table.ts');
    const { Random } = (await import(dist('domain/random.js'))) as typeof import('../../src/domain/random.ts');
    const count = 200_000;
    const table = new RunTable(new RunPools());
    table.reserve(count, true);
    table.length = count;
    const start = NOW - 30 * 86_400_000;
    const flow = (createdAt: number, blocks: number, i: number) => ({
      flow: { id: `flow-${i}`, workspaceId: 'ws', kind: 'workflow' as const, name: 'Flow', createdAt, createdBy: '1000', fromTemplate: false, shares: [] },
      flowIndex: i, blocks, errors: [0], source: 0,
    });
    // The second flow, created halfway, has app actions no column holds: the worker fails there.
    const plan = {
      random: new Random('failing').state(), gen: { runs: count }, workspace: 0, start, end: NOW,
      profiles: [flow(start - 86_400_000, 5, 0), flow(start + 15 * 86_400_000, 1e12, 1)], runners: [], sources: [0], first: 0, count,
    };
    const written: number[] = [];
    const began = performance.now();
    expect(() => {
      for (const rows of runsInWorker(0)!.write(plan, table) as unknown as Iterable<number>) written.push(rows);
    }).toThrow(/generating the runs of a workspace failed: .*does not fit/);
    expect(written.some((rows) => rows > 0), 'rows were written before the failure').toBe(true);
    expect(performance.now() - began).toBeLessThan(20_000);
  });

  it('ships the worker beside the command line\'s bundle, where the bundle looks for it', () => {
    const bin = join(ROOT, 'dist/bin');
    const bundled = readdirSync(bin).filter((file) => file.endsWith('.js') || file.endsWith('.cjs')).map((file) => readFileSync(join(bin, file), 'utf8'));
    expect(bundled.some((text) => text.includes('"./runs-worker.js"'))).toBe(true);
    expect(existsSync(join(bin, 'runs-worker.js'))).toBe(true);
  });
});

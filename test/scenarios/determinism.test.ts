import { execFileSync } from 'node:child_process';
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
});

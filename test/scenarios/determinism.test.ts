import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/domain/scenario/build.ts';
import { datasetDigest } from '../../src/node/dataset-digest.ts';
import { loadScenarioFile } from '../../src/node/scenario-file.ts';

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

/** `flowmock export` as a user runs it: a scenario file in, a dataset out that flowmock itself serves as it is. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateScenarioDocument } from '../../src/scenario-files/parse.ts';
import { runCli } from '../helpers/cli.ts';

describe('flowmock export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flowmock-export-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every record explicit and the clock, as a valid scenario', async () => {
    const out = join(dir, 'default.json');
    const result = await runCli(['export', '--scenario', 'default', '--now', '2026-11-20T12:00:00Z', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const exported = validateScenarioDocument(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(exported.now).toBe('2026-11-20T12:00:00.000Z');
    expect(exported.workspaces.every((ws) => ws.generate === undefined)).toBe(true);
    expect(exported.workspaces.reduce((sum, ws) => sum + (ws.runs?.length ?? 0), 0)).toBe(4500);
  });

  it('exits 2 on a bad --now', async () => {
    const result = await runCli(['export', '--scenario', 'default', '--now', 'tomorrow']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--now/);
  });
});

/**
 * kill -9 during concurrent writes: a child appends from 10 writers and prints each seq only once its
 * append resolved; SIGKILL at a random moment; every printed (acknowledged) change must be in the log
 * when it is reopened. A few rounds on one log (each child opens the log the previous kill left);
 * `npx tsx scripts/crash-rounds.ts 50` runs many more and prints the figures.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crashRound, type CrashRoundResult } from './helpers/crash-round.ts';
import { tempDir } from './helpers/changes.ts';

describe('kill -9 during concurrent appends', () => {
  it('loses no acknowledged change, round after round', async () => {
    const path = join(tempDir('flowmock-crash-'), 'state.json');
    const acknowledged = new Map<number, string>();
    const results: CrashRoundResult[] = [];
    for (let round = 1; round <= 4; round++) {
      const killAfterMs = 30 + Math.floor(Math.random() * 300);
      const result = await crashRound({ path, round, killAfterMs, acknowledged, compactMinBytes: 32_768 });
      results.push(result);
      expect(result, JSON.stringify(result)).toMatchObject({ lost: 0, problems: [] });
      expect(result.acked, JSON.stringify(result)).toBeGreaterThan(0);
    }
    expect(acknowledged.size).toBe(results.reduce((sum, r) => sum + r.acked, 0));
    rmSync(dirname(path), { recursive: true, force: true });
  });
});

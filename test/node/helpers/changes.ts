/** Scenarios, changes and temporary directories for the change-log tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockChange } from '../../../src/core/state-changes.ts';
import type { ScenarioDocument } from '../../../src/domain/scenario/document.ts';

export function scenario(name: string, seed = 1): ScenarioDocument {
  return { version: 1, name, seed, now: '2027-01-05T12:00:00Z', workspaces: [] };
}

/** A change that says which it is: a fault rule with this id (and `pad` bytes of message). */
export function change(id: string, pad = 0): MockChange {
  return { kind: 'faults', rules: [{ id, api: 'b3os', status: 503, ...(pad > 0 ? { message: 'x'.repeat(pad) } : {}) }] };
}

export function clock(now: number): MockChange {
  return { kind: 'clock', mode: 'frozen', now };
}

/** The id a `change(id)` carries. */
export function idOf(c: MockChange): string | undefined {
  return c.kind === 'faults' ? c.rules[0]?.id : undefined;
}

const made: string[] = [];

export function tempDir(prefix = 'flowmock-log-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes the directories tempDir made (call it in afterAll). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

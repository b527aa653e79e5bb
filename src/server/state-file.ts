/**
 * `--state-file PATH`: the admin API's changes survive a restart. The file holds the scenario in force
 * and every change since it was loaded; it is rewritten whole on each change, atomically (a temporary
 * file, fsync, rename, fsync of the directory), BEFORE the change is acknowledged: a crash, even
 * `kill -9`, leaves either the previous file or the new one, never a torn one, and loses nothing acknowledged.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { FlowmockCore } from '../core/flowmock-core.ts';
import type { MockChange } from '../core/state-changes.ts';
import type { ScenarioDocument } from '../domain/scenario/document.ts';
import { validateScenarioDocument } from '../scenario-files/parse.ts';

interface StateFileContent {
  readonly format: 'flowmock-state';
  readonly version: 1;
  readonly scenario: ScenarioDocument;
  readonly changes: readonly MockChange[];
}

export class StateFileError extends Error {
  constructor(file: string, problem: string) {
    super(`state file ${file}: ${problem}`);
    this.name = 'StateFileError';
  }
}

/** The scenario a state file holds, if the file exists (it wins over --scenario: it is what was in force). */
export function readStateFile(file: string): StateFileContent | undefined {
  if (!existsSync(file)) return undefined;
  let content: StateFileContent;
  try {
    content = JSON.parse(readFileSync(file, 'utf8')) as StateFileContent;
  } catch (error) {
    throw new StateFileError(file, `not valid JSON (${(error as Error).message}); move it away to start afresh`);
  }
  if (content.format !== 'flowmock-state' || content.version !== 1 || !Array.isArray(content.changes)) {
    throw new StateFileError(file, 'not a flowmock state file (format "flowmock-state", version 1)');
  }
  validateScenarioDocument(content.scenario, `${file} (scenario)`);
  return content;
}

/** Replays the file's changes into `state`, then records every later change into the file. */
export function attachStateFile(core: FlowmockCore, file: string, previous: StateFileContent | undefined): void {
  let changes: MockChange[] = [];
  for (const change of previous?.changes ?? []) {
    core.replay(change);
    changes.push(change);
  }
  const save = () => writeAtomically(file, JSON.stringify({ format: 'flowmock-state', version: 1, scenario: core.state.scenario, changes } satisfies StateFileContent));
  core.onChange((change) => {
    changes.push(change);
    save();
  });
  core.state.onReset(() => {
    changes = [];
    save();
  });
  save();
}

export function writeAtomically(file: string, text: string): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  const dir = openSync(dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

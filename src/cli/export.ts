/**
 * `flowmock export --scenario NAME|PATH [--now ISO] [--out FILE]`: the scenario's whole dataset with every
 * record explicit (workspaces, users, flows, runs, every timestamp, generated volume expanded) and the clock,
 * as a scenario document (JSON). It seeds another implementation for oracle mode, and is itself a scenario
 * flowmock serves as is (docs/contract-suite.md#export).
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Run } from '../domain/records.ts';
import type { RunDocument, ScenarioDocument, WorkspaceDocument } from '../domain/scenario/document.ts';
import { parseNow } from './flags.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** The dataset a scenario builds at a clock, every record explicit: a scenario document without `generate`. */
export async function exportScenario(scenario: ScenarioDocument, now?: number): Promise<ScenarioDocument> {
  // Loaded when asked for: `flowmock --help` starts without the domain.
  const { MockState } = await import('../domain/mock-state.ts');
  const state = new MockState({ scenario, now });
  const at = state.clock.now();
  const workspaces: WorkspaceDocument[] = [...state.dataset.workspaces()].map((ws) => ({
    id: ws.workspace.id,
    name: ws.workspace.name,
    tokens: [...ws.workspace.tokens],
    users: [...ws.users.values()].map(({ id, name, email }) => ({ id, name, email })),
    flows: [...ws.flows.values()].map((f) => ({
      id: f.id, kind: f.kind, name: f.name, createdAt: iso(f.createdAt), createdBy: f.createdBy, fromTemplate: f.fromTemplate,
      shares: f.shares.map((s) => ({ at: iso(s.at), by: s.by })),
    })),
    runs: [...ws.runs].map(runDocument),
  }));
  return {
    version: 1,
    name: scenario.name,
    description: `${scenario.name} exported by flowmock at ${iso(at)}: every record explicit (generated volume expanded), the clock frozen.${scenario.description === undefined ? '' : ` ${scenario.description}`}`,
    seed: scenario.seed,
    now: iso(at),
    workspaces,
  };
}

function runDocument(run: Run): RunDocument {
  return {
    id: run.id, flow: run.flow, user: run.user, status: run.status,
    createdAt: iso(run.createdAt), startedAt: run.startedAt === null ? null : iso(run.startedAt), finishedAt: run.finishedAt === null ? null : iso(run.finishedAt),
    resumed: run.resumed, appActions: run.appActions, tokens: run.tokens, trigger: run.trigger, sourceSystem: run.sourceSystem, error: run.error,
    ...(run.detail === undefined ? {} : { detail: run.detail }),
  };
}

export interface ExportOptions {
  readonly scenario: string;
  readonly now?: number;
  readonly out?: string;
}

export async function exportCommand(options: ExportOptions): Promise<void> {
  const { loadScenarioFile } = await import('../node/scenario-file.ts');
  const { ScenarioError } = await import('../scenario-files/scenario-error.ts');
  let document: ScenarioDocument;
  try {
    document = loadScenarioFile(options.scenario).document;
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(1);
  }
  if (options.now === undefined && document.now === undefined) {
    process.stderr.write(`error: scenario "${document.name}" has no now: give --now ISO (its generated runs are placed relative to the clock, so the export is reproducible only at a fixed one)\n`);
    process.exit(2);
  }
  const text = `${JSON.stringify(await exportScenario(document, options.now), null, 2)}\n`;
  if (options.out === undefined) process.stdout.write(text);
  else writeFileSync(options.out, text);
}

export function addExportCommand(program: Command): void {
  program
    .command('export')
    .description("write a scenario's whole dataset (every record explicit, generated volume expanded) and its clock as JSON, to seed another implementation for oracle mode")
    .option('-s, --scenario <name|path>', 'a shipped scenario name (scenarios/) or a path to a .yaml/.json file', 'default')
    .option('--now <iso>', "the clock (required unless the scenario has its own now)", parseNow)
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .action(exportCommand);
}

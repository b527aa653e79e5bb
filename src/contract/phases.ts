/**
 * The phases `runContract` runs after the per-API checks, chosen from the options: generated requests
 * (`--seed`, `--max-examples`), the oracle (`--scenario`, `--now`, or a target's `GET /__mock/state`).
 * Each is a ContractPhase (src/contract/runner.ts) working on the same check contexts, so its violations are
 * bounded, capped, baselined and reported like every other.
 */
import type { ContractOptions } from './options.ts';
import type { ContractPhase } from './runner.ts';
import { generativePhase } from './generative/run-generative.ts';
import { invariantsPhase } from './invariants/run-invariants.ts';
import { oraclePhase } from './oracle/run-oracle.ts';

export async function contractPhases(options: ContractOptions): Promise<ContractPhase[]> {
  return [invariantsPhase(), generativePhase(options), oraclePhase(options)];
}

/**
 * The package `flowmock` (docs/package.md): start a server from a test (`startFlowmock`), run the contract
 * suite against any implementation (`runContract`), and the types they take and give. The MSW handlers are
 * `flowmock/msw`, each spec's generated types `flowmock/types/<api>`, the shipped scenarios `flowmock/scenarios/<name>`.
 */
import type { ContractOptions } from './contract/options.ts';
import type { ContractResult } from './contract/run-contract.ts';

export { startFlowmock, type Flowmock, type StartFlowmockOptions } from './library/start-flowmock.ts';
export { StartupError } from './server/start-server.ts';
export { FlowmockAdminError, type FlowmockControls, type Fixtures, type Health, type RunResource, type NewRunInput, type RunPatchInput, type ClockState, type FaultRuleInput, type FaultRulesState, type LiveState, type LiveInput } from './core/controls.ts';
export type { ScenarioDocument } from './domain/scenario/document.ts';
export type { Logger } from './core/logger.ts';
export type { ContractOptions } from './contract/options.ts';
export type { ContractResult, ContractReport, ContractErrorKind } from './contract/run-contract.ts';
export type { Violation, CheckRecord } from './contract/violation.ts';
export { VERSION } from './version.ts';

/**
 * Runs the contract suite against a live implementation (the CLI's `contract` options, camel-cased) and returns
 * its result: `exitCode` 0 (every check holds), 1 (violations) or 2 (bad usage, or a target that could not be
 * checked), the report, and the report files written. Loaded when called: starting a server does not load the suite.
 */
export async function runContract(options: ContractOptions): Promise<ContractResult> {
  return (await import('./contract/run-contract.ts')).runContract(options);
}

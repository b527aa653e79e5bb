/**
 * The package `flowmock` (docs/package.md): start a server from a test (`startFlowmock`), run the contract
 * suite against any implementation (`runContract`), and the types they take and give. The MSW handlers are
 * `flowmock/msw`, each spec's generated types `flowmock/types/<api>`, the shipped scenarios `flowmock/scenarios/<name>`.
 */
export { startFlowmock, type Flowmock, type StartFlowmockOptions } from './library/start-flowmock.ts';
export { StartupError } from './server/start-server.ts';
export { FlowmockAdminError, type FlowmockControls, type Fixtures, type Health, type RunResource, type NewRunInput, type RunPatchInput, type ClockState, type FaultRuleInput, type FaultRulesState, type LiveState, type LiveInput } from './core/controls.ts';
export type { ScenarioDocument } from './domain/scenario/document.ts';
export type { Logger } from './core/logger.ts';
export type { ContractOptions } from './contract/options.ts';
export { VERSION } from './version.ts';

/**
 * THE ordered stream of changes made to a running mock: the domain's (runs added and moved, the clock)
 * and the core's own (fault rules). Replaying it over the scenario rebuilds the exact state; the state file
 * is one transport of it (docs/admin-api.md#state-changes).
 */
import type { StateChange } from '../domain/mock-state.ts';
import type { FaultRuleInput } from './fault-rules.ts';

export interface FaultsChange {
  readonly kind: 'faults';
  readonly rules: readonly FaultRuleInput[];
}

export type MockChange = StateChange | FaultsChange;

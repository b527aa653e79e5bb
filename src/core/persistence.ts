/**
 * Where the ordered stream of changes is made durable (under Node, the state log: src/node/change-log.ts).
 * The admin API acknowledges a change only once `append` has resolved, and a reset once `reset` has; a
 * refused write rejects with a PersistenceError, which the admin API answers 507 (no space) or 503.
 */
import type { ScenarioDocument } from '../domain/scenario/document.ts';
import type { MockChange } from './state-changes.ts';

export interface Persistence {
  append(change: MockChange): Promise<unknown>;
  reset(scenario: ScenarioDocument): Promise<unknown>;
}

/** A write the persistence refused: nothing of it was kept. `code`: the errno (ENOSPC, EIO…) when known. */
export class PersistenceError extends Error {
  readonly code: string | undefined;

  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PersistenceError';
    this.code = options?.code;
  }

  /** The disk (or quota) is full, or the write was refused behind one that found it full. */
  get noSpace(): boolean {
    return this.code === 'ENOSPC' || this.code === 'EDQUOT' || this.code === 'EREFUSED';
  }
}

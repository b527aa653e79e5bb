/**
 * The canonical run status vocabulary and its translation into each vendor's
 * (docs/apis.md#status-vocabulary). This table is the only place the mapping lives.
 */
export const RUN_STATUSES = [
  'awaiting_payment',
  'payment_confirmed',
  'queued',
  'running',
  'paused',
  'succeeded',
  'failed',
  'cancelled',
] as const;

export type RunStatus = (typeof RUN_STATUSES)[number];

/** Each status's position in RUN_STATUSES: the index of its count in the aggregates' typed arrays. */
export const STATUS_INDEX = Object.fromEntries(RUN_STATUSES.map((status, i) => [status, i])) as Readonly<Record<RunStatus, number>>;

export const TERMINAL_STATUSES: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'cancelled']);

export function isTerminal(status: RunStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

export type StackAiState = 'PENDING' | 'PAUSED' | 'RESUMED' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
export type OnePinStatus = 'pending' | 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';
export type B3osStatus =
  | 'awaiting_payment'
  | 'payment_confirmed'
  | 'workflow_queued'
  | 'workflow_running'
  | 'workflow_waiting'
  | 'workflow_succeeded'
  | 'workflow_failed'
  | 'workflow_cancelled';

interface VendorStatuses {
  readonly stackai: StackAiState;
  /** StackAI reports a running run that was resumed after a pause as RESUMED. */
  readonly stackaiResumed: StackAiState;
  readonly onepin: OnePinStatus;
  readonly b3os: B3osStatus;
}

export const STATUS_VOCABULARY: Readonly<Record<RunStatus, VendorStatuses>> = {
  awaiting_payment: { stackai: 'PENDING', stackaiResumed: 'PENDING', onepin: 'pending', b3os: 'awaiting_payment' },
  payment_confirmed: { stackai: 'PENDING', stackaiResumed: 'PENDING', onepin: 'pending', b3os: 'payment_confirmed' },
  queued: { stackai: 'PENDING', stackaiResumed: 'PENDING', onepin: 'pending', b3os: 'workflow_queued' },
  running: { stackai: 'PENDING', stackaiResumed: 'RESUMED', onepin: 'running', b3os: 'workflow_running' },
  paused: { stackai: 'PAUSED', stackaiResumed: 'PAUSED', onepin: 'paused', b3os: 'workflow_waiting' },
  succeeded: { stackai: 'COMPLETED', stackaiResumed: 'COMPLETED', onepin: 'completed', b3os: 'workflow_succeeded' },
  failed: { stackai: 'FAILED', stackaiResumed: 'FAILED', onepin: 'failed', b3os: 'workflow_failed' },
  cancelled: { stackai: 'CANCELLED', stackaiResumed: 'CANCELLED', onepin: 'cancelled', b3os: 'workflow_cancelled' },
};

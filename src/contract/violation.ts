/** What the contract suite finds: every violation as data, with the request that showed it. */
import type { ApiName } from '../apis.ts';

/**
 * What a check looks at: `schema` (valid requests, every response's shape), `negative` (invalid requests),
 * `auth`, `semantic`, `stateful`, `prism` (`--via-prism`), `http` (answers that cannot be judged: cut
 * bodies, invalid JSON, redirects, no answer), `operational` (response time, the opt-in CORS and
 * unsupported-method checks, the run's deadline), `coverage` (`--require-coverage`). Other modules add
 * their own (generated requests, the oracle).
 */
export type CheckKind = 'schema' | 'negative' | 'auth' | 'semantic' | 'stateful' | 'prism' | 'http' | 'operational' | 'coverage' | (string & {});

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface Violation {
  readonly api: ApiName;
  /** The operationId, as in the spec. */
  readonly operation: string;
  readonly kind: CheckKind;
  /** A short stable name of the check, e.g. `onepin.pass-rate`. */
  readonly check: string;
  readonly message: string;
  readonly request?: RecordedRequest;
  readonly expected?: unknown;
  readonly actual?: unknown;
  /**
   * A summary entry: this many more violations of the same check on the same operation were found and
   * counted but not listed ("and 412 more like it").
   */
  readonly more?: number;
  /** Identifies the violation across runs, for baselines (src/contract/known-violations.ts). */
  readonly fingerprint?: string;
  /** Accepted by the baseline (`--baseline`): reported, but does not fail the run. */
  readonly known?: boolean;
}

/** A check that ran: passed when it produced no violation. */
export interface CheckRecord {
  readonly api: ApiName;
  readonly operation: string;
  readonly kind: CheckKind;
  readonly check: string;
  readonly violations: number;
}

/** Credentials are never copied into a report. */
export function redact(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    out[key] = key.toLowerCase() === 'authorization' ? value.replace(/^(\S+\s+)?(.{0,4}).*$/, (_m, scheme: string | undefined, head: string) => `${scheme ?? ''}${head}…`) : value;
  }
  return out;
}

/** What the contract suite finds: every violation as data, with the request that showed it. */
import type { ApiName } from '../apis.ts';

export type CheckKind = 'schema' | 'negative' | 'auth' | 'semantic' | 'stateful' | 'prism';

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

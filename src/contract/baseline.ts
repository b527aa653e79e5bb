/** A valid request described by its parts, so that checks can break one part at a time. */
import type { Operation } from '../openapi/spec-document.ts';
import { describeExcerpt, excerptOf } from './bounded.ts';
import type { CallOptions } from './context.ts';

export interface Baseline {
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | number | undefined>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Readonly<Record<string, unknown>>;
}

export function toCall(op: Operation, baseline: Baseline, extra: Partial<CallOptions> = {}): CallOptions {
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(baseline.pathParams[name] ?? ''));
  return { path, query: baseline.query, headers: baseline.headers, ...(baseline.body === undefined ? {} : { body: baseline.body }), ...extra };
}

/** A call in one line for a message; a long body as an excerpt with its size and hash. */
export function describeCall(call: CallOptions): string {
  const query = Object.entries(call.query ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${String(v)}`).join('&');
  const body = call.body === undefined ? undefined : typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
  return `${call.path}${query === '' ? '' : `?${query}`}${body === undefined ? '' : ` with body ${describeExcerpt(excerptOf(body, 200))}`}`;
}

/**
 * The query string as every API reads it: brackets one level deep (`filters[period]=7d`, as Multiplai's
 * Laravel reads them), repeated names as arrays, no prototype keys, bounded counts (qs, which Express
 * itself uses).
 */
import { parse } from 'qs';

/** How qs reads every query (and the rule `plainPairs` must equal). */
export const QS_OPTIONS = { depth: 1, parameterLimit: 200, arrayLimit: 50, allowPrototypes: false, plainObjects: true } as const;

export function parseQueryString(text: string): Record<string, unknown> {
  if (text === '') return {};
  return plainPairs(text) ?? (parse(text, QS_OPTIONS) as Record<string, unknown>);
}

/** `name=value` pairs of characters that need no decoding and mean nothing to qs: no `%`, `+`, brackets or empty names. */
const PLAIN_PAIRS = /^[\w.~-]+=[\w.~:,-]*(?:&[\w.~-]+=[\w.~:,-]*)*$/;

/**
 * The fast path for the queries most requests send (`from=…&to=…&granularity=hourly`): what qs makes of
 * them, without running qs (3% of a B3OS request's CPU: docs/performance.md#plain-query-pairs). Undefined,
 * for qs to read, unless every pair is plain, every name is new and not `__proto__`, and there are no more
 * than qs reads. The rule it must equal is qs itself (test/core/query-string.test.ts).
 */
export function plainPairs(text: string): Record<string, string> | undefined {
  if (!PLAIN_PAIRS.test(text)) return undefined;
  const pairs = text.split('&');
  if (pairs.length > QS_OPTIONS.parameterLimit) return undefined;
  const values = Object.create(null) as Record<string, string>;
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    const name = pair.slice(0, equals);
    if (name === '__proto__' || name in values) return undefined;
    values[name] = pair.slice(equals + 1);
  }
  return values;
}

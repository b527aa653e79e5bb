/**
 * The query string as every API reads it: brackets one level deep (`filters[period]=7d`, as Multiplai's
 * Laravel reads them), repeated names as arrays, no prototype keys, bounded counts (qs, which Express
 * itself uses).
 */
import { parse } from 'qs';

export function parseQueryString(text: string): Record<string, unknown> {
  if (text === '') return {};
  return parse(text, { depth: 1, parameterLimit: 200, arrayLimit: 50, allowPrototypes: false, plainObjects: true }) as Record<string, unknown>;
}

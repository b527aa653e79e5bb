/**
 * The query string's fast path for plain pairs reads exactly what qs reads, for any text: qs is the rule.
 */
import fc from 'fast-check';
import { parse } from 'qs';
import { describe, expect, it } from 'vitest';
import { parseQueryString, plainPairs, QS_OPTIONS as OPTIONS } from '../../src/core/query-string.ts';

/**
 * The same values, names in the same order, and no prototype at the top. (Compared as JSON: vitest's deep
 * equality compares a `constructor` property by reference, and a query may name one.)
 */
function expectSame(fast: Record<string, unknown>, rule: Record<string, unknown>, text: string): void {
  expect(JSON.stringify(fast), text).toBe(JSON.stringify(rule));
  expect(Object.getPrototypeOf(fast), text).toBe(null);
}

describe('parseQueryString', () => {
  it('equals qs for any query text, plain pairs or not', () => {
    // Pieces that matter to qs (separators, brackets, escapes, prototype names) among plain ones.
    const token = fc.constantFrom('a', 'b', 'from', 'to', '1', '17', 'x.y', '~', '-', '_', ':', ',', '=', '&', '[', ']', '%5B', '%20', '+', '%', '__proto__', 'constructor', 'é', ' ');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 16 }).map((tokens) => tokens.join('')), (text) => {
        if (text === '') expect(parseQueryString(text)).toEqual({});
        else expectSame(parseQueryString(text), parse(text, OPTIONS), text);
      }),
      { numRuns: 3000 },
    );
  });

  it('equals qs on long and repeated plain queries, past qs\'s 200 parameters', () => {
    for (const text of [
      Array.from({ length: 250 }, (_, i) => `p${i}=${i}`).join('&'),
      Array.from({ length: 200 }, (_, i) => `p${i}=${i}`).join('&'),
      'a=1&b=2&a=3',
      'from=1&to=2&__proto__=3',
    ]) expectSame(parseQueryString(text), parse(text, OPTIONS), text);
  });

  it('takes the fast path for plain pairs, and leaves brackets, escapes and repeats to qs', () => {
    expect(plainPairs('from=1767225600000&to=1767830400000&granularity=hourly')).toStrictEqual(Object.assign(Object.create(null), { from: '1767225600000', to: '1767830400000', granularity: 'hourly' }));
    for (const text of ['filters[period]=7d', 'q=a%20b', 'q=a+b', 'a=1&a=2', 'a', 'a=1&', '__proto__=1']) expect(plainPairs(text), text).toBeUndefined();
  });
});

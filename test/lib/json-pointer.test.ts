import { describe, expect, it } from 'vitest';
import { escapePointerSegment, formatJsonPointer, parseJsonPointer, unescapePointerSegment } from '../../src/lib/json-pointer.ts';

describe('parseJsonPointer', () => {
  // RFC 6901 §5: every pointer of its example, and the key each names.
  it.each([
    ['', []],
    ['/foo', ['foo']],
    ['/foo/0', ['foo', '0']],
    ['/', ['']],
    ['/a~1b', ['a/b']],
    ['/c%d', ['c%d']],
    ['/e^f', ['e^f']],
    ['/g|h', ['g|h']],
    ['/i\\j', ['i\\j']],
    ['/k"l', ['k"l']],
    ['/ ', [' ']],
    ['/m~0n', ['m~n']],
  ])('RFC 6901 example %j', (pointer, segments) => {
    expect(parseJsonPointer(pointer)).toEqual(segments);
  });

  it.each([
    ['~01 is a tilde then 1, not a slash', '/~01', ['~1']],
    ['~10 is a slash then 0', '/~10', ['/0']],
    ['~0~1 in a row', '/~0~1', ['~/']],
    ['empty segments keep their place', '//a//', ['', 'a', '', '']],
    ['a path template key', '/paths/~1api~1v1~1workflows~1{id}/get', ['paths', '/api/v1/workflows/{id}', 'get']],
    ['a media type key', '/content/application~1json/schema', ['content', 'application/json', 'schema']],
    ['other tildes are left alone', '/a~2b/~', ['a~2b', '~']],
  ])('%s', (_, pointer, segments) => {
    expect(parseJsonPointer(pointer)).toEqual(segments);
  });

  it.each(['foo', '#/foo', ' /foo'])('refuses %j, which does not start with "/"', (text) => {
    expect(() => parseJsonPointer(text)).toThrow(SyntaxError);
  });
});

describe('formatJsonPointer', () => {
  it.each([
    [[], ''],
    [[''], '/'],
    [['workspaces', 0, 'runs', 3, 'flow'], '/workspaces/0/runs/3/flow'],
    [['a/b'], '/a~1b'],
    [['m~n'], '/m~0n'],
    [['~1'], '/~01'],
    [['/0'], '/~10'],
    [['~/', '/~'], '/~0~1/~1~0'],
  ])('%j is %j', (segments, pointer) => {
    expect(formatJsonPointer(segments)).toBe(pointer);
  });

  it('round-trips through parseJsonPointer, whatever the keys hold', () => {
    const alphabet = ['a', '/', '~', '0', '1', '', ' ', '%'];
    for (let n = 0; n < 2000; n++) {
      const segments = Array.from({ length: n % 5 }, (_, i) => Array.from({ length: (n + i) % 4 }, (_, j) => alphabet[(n * 7 + i * 3 + j * 5) % alphabet.length]).join(''));
      expect(parseJsonPointer(formatJsonPointer(segments))).toEqual(segments);
    }
  });
});

describe('one segment', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a/b', 'a~1b'],
    ['a~b', 'a~0b'],
    ['~1', '~01'], // ~ first: otherwise the ~ of an escaped / would be escaped again
    ['/~/', '~1~0~1'],
  ])('%j escapes to %j and back', (segment, escaped) => {
    expect(escapePointerSegment(segment)).toBe(escaped);
    expect(unescapePointerSegment(escaped)).toBe(segment);
  });
});

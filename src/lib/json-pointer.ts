/**
 * JSON Pointers (RFC 6901), written once: `/a~1b/0` names the key `a/b`, then index 0. In a segment `~1`
 * stands for `/` and `~0` for `~`; ajv's `instancePath`, OpenAPI `$ref`s (after their `#`) and the pointers
 * in our error messages are all this syntax.
 *
 * Pure functions: no imports, safe for the browser.
 */

/** One reference token escaped for a pointer: `~` becomes `~0`, then `/` becomes `~1` (in that order). */
export function escapePointerSegment(segment: string): string {
  if (!segment.includes('~') && !segment.includes('/')) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * One escaped reference token read back: `~1` becomes `/`, then `~0` becomes `~` (so `~01` reads `~1`). Any
 * other `~` (which RFC 6901 does not allow) is left as it is.
 */
export function unescapePointerSegment(segment: string): string {
  if (!segment.includes('~')) return segment;
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * The unescaped segments of a pointer: `''` (the whole document) is `[]`, `'/'` is `['']` (the empty key).
 * Throws on text that is not a pointer (non-empty and not starting with `/`); a URI fragment's leading `#`
 * is the caller's to strip.
 */
export function parseJsonPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (pointer.charCodeAt(0) !== 0x2f) throw new SyntaxError(`not a JSON pointer (it must be empty or start with "/"): ${JSON.stringify(pointer)}`);
  return pointer.slice(1).split('/').map(unescapePointerSegment);
}

/** The pointer to `segments` (keys or array indexes), each escaped: `['a/b', 0]` is `/a~1b/0`, `[]` is `''`. */
export function formatJsonPointer(segments: readonly (string | number)[]): string {
  let pointer = '';
  for (const segment of segments) pointer += `/${typeof segment === 'number' ? segment : escapePointerSegment(segment)}`;
  return pointer;
}

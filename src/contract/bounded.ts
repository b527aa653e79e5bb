/**
 * Everything the suite keeps from a target is bounded: a body becomes a short excerpt with its size and
 * SHA-256, a message or a value is cut to a few hundred characters. A hostile target cannot grow a report
 * (or the suite's memory) by answering more.
 *
 * Strings cut from a large one are copied: V8 may keep a slice as a view of its parent, so a 200-character
 * excerpt of an 8 MiB body would otherwise keep the 8 MiB alive for as long as the report lives.
 */
import { createHash } from 'node:crypto';

/** A body (or any long text) as the report shows it. */
export interface Excerpt {
  /** Its first characters, `…`-terminated. */
  readonly excerpt: string;
  /** Its size in UTF-8 bytes. */
  readonly bytes: number;
  /** SHA-256 of the whole text, hex. */
  readonly sha256: string;
}

/** Longest message kept, in characters. */
export const MAX_MESSAGE_CHARS = 1000;
/** Longest excerpt of a body or value, in characters. */
export const EXCERPT_CHARS = 240;

/** A fresh, flat copy of a (short) string, sharing no memory with the string it was cut from. */
export function detach(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** `text` as it is when short, else an excerpt with size and hash. */
export function excerptOf(text: string, limit = EXCERPT_CHARS): string | Excerpt {
  if (text.length <= limit) return detach(text);
  return { excerpt: `${detach(text.slice(0, limit))}…`, bytes: Buffer.byteLength(text), sha256: sha256(text) };
}

/** One line for an excerpt: `"{"a":1,…" (1048576 bytes, sha256 3f2a…)`. */
export function describeExcerpt(value: string | Excerpt): string {
  return typeof value === 'string' ? value : `${value.excerpt} (${value.bytes} bytes, sha256 ${value.sha256.slice(0, 16)}…)`;
}

/** A message cut to `max` characters, saying how long it was. */
export function boundText(text: string, max = MAX_MESSAGE_CHARS): string {
  if (text.length <= max) return detach(text);
  return `${detach(text.slice(0, max))}… (${text.length} characters in all, sha256 ${sha256(text).slice(0, 16)}…)`;
}

/**
 * A value (expected, actual) as a report keeps it: numbers, booleans and null as they are, short strings
 * and small JSON values as they are (copied), anything longer as an excerpt of its JSON text.
 */
export function boundValue(value: unknown, limit = EXCERPT_CHARS): unknown {
  if (value === undefined || value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return excerptOf(value, limit);
  const prefix = jsonPrefix(value, limit + 1);
  if (prefix !== undefined && prefix.length <= limit) return JSON.parse(prefix) as unknown;
  let whole: string | undefined;
  try {
    whole = JSON.stringify(value);
  } catch {
    whole = undefined;
  }
  if (whole === undefined) return String(value).slice(0, limit);
  return excerptOf(whole, limit);
}

/**
 * The first `max` characters of `JSON.stringify(value)` (or all of it when shorter), without serialising
 * the whole of a large value; undefined when the value has no JSON form.
 */
export function jsonPrefix(value: unknown, max: number): string | undefined {
  let out = '';
  const seen = new Set<unknown>();
  const write = (text: string): boolean => {
    out += text;
    return out.length < max;
  };
  const walk = (v: unknown): boolean => {
    if (v === null || typeof v === 'number' || typeof v === 'boolean') return write(v === null || Number.isFinite(v) || typeof v === 'boolean' ? String(v) : 'null');
    if (typeof v === 'string') return write(JSON.stringify(v.length > max ? v.slice(0, max) : v));
    if (typeof v !== 'object' || seen.has(v)) return write('null');
    seen.add(v);
    if (Array.isArray(v)) {
      if (!write('[')) return false;
      for (let i = 0; i < v.length; i++) {
        if (i > 0 && !write(',')) return false;
        if (!walk(v[i] === undefined ? null : v[i])) return false;
      }
      return write(']');
    }
    if (!write('{')) return false;
    let first = true;
    for (const [key, item] of Object.entries(v as Record<string, unknown>)) {
      if (item === undefined || typeof item === 'function') continue;
      if (!first && !write(',')) return false;
      first = false;
      if (!write(`${JSON.stringify(key)}:`) || !walk(item)) return false;
    }
    return write('}');
  };
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  walk(value);
  return out.length > max ? out.slice(0, max) : out;
}

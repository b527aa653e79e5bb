/**
 * B3OS's time series as JSON, straight from the columnar counts: `[{"bucketStart":…,"total":…,
 * "succeeded":…,"failed":…,"cancelled":…},…]` without an object per bucket, as UTF-8 bytes.
 *
 * Dashboards ask for the same past again and again (a 30-day hourly chart every few seconds), and the text
 * of a bucket is a pure function of its start and its four numbers. So the bytes of each whole chunk of 24
 * buckets (a UTC day of hours, or 24 days) are remembered with the numbers they were written from, and
 * reused whenever the same chunk has the same numbers again: nothing to invalidate, a changed count is a
 * miss. A 721-hour answer is then 31 remembered pieces copied into one buffer, with nothing to encode.
 */
import type { Millis } from '../../domain/records.ts';
import { OUTCOMES } from '../../domain/store/hourly-counts.ts';
import { isoInstant } from '../shared/iso-instant.ts';

const CHUNK = 24;
/** Variants kept per chunk (workspaces, or a chunk that changed), and chunks kept in all. */
const VARIANTS = 4;
const MAX_CHUNKS = 20_000;

interface ChunkBytes {
  readonly numbers: Float64Array;
  readonly bytes: Buffer;
}

/** Remembered chunks, per bucket length (an hour chunk and a day chunk may start at the same instant). */
const remembered = new Map<Millis, Map<Millis, ChunkBytes[]>>();

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/**
 * The buckets' JSON array, in pieces to be written one after the other. `starts` ascend by `step` ms;
 * bucket i's total, succeeded, failed and cancelled are `outcomes[4i..4i+3]` (integers).
 */
export function seriesJson(starts: readonly Millis[], outcomes: Float64Array, step: Millis): Buffer[] {
  let chunks = remembered.get(step);
  if (chunks === undefined) remembered.set(step, (chunks = new Map()));
  if (chunks.size > MAX_CHUNKS) chunks.clear();
  const span = CHUNK * step;
  const pieces: Buffer[] = [OPEN];
  let i = 0;
  while (i < starts.length) {
    const chunkStart = Math.floor((starts[i] as Millis) / span) * span;
    let end = i + 1;
    while (end < starts.length && (starts[end] as Millis) < chunkStart + span) end++;
    if (i > 0) pieces.push(COMMA);
    pieces.push(end - i === CHUNK && starts[i] === chunkStart ? wholeChunk(chunks, chunkStart, starts, outcomes, i) : Buffer.from(bucketsText(starts, outcomes, i, end)));
    i = end;
  }
  pieces.push(CLOSE);
  return pieces;
}

function wholeChunk(chunks: Map<Millis, ChunkBytes[]>, chunkStart: Millis, starts: readonly Millis[], outcomes: Float64Array, first: number): Buffer {
  const offset = first * OUTCOMES;
  let variants = chunks.get(chunkStart);
  if (variants === undefined) chunks.set(chunkStart, (variants = []));
  for (let v = 0; v < variants.length; v++) {
    const candidate = variants[v] as ChunkBytes;
    if (sameNumbers(candidate.numbers, outcomes, offset)) {
      if (v > 0) variants.unshift(...variants.splice(v, 1));
      return candidate.bytes;
    }
  }
  const bytes = Buffer.from(bucketsText(starts, outcomes, first, first + CHUNK));
  variants.unshift({ numbers: outcomes.slice(offset, offset + CHUNK * OUTCOMES), bytes });
  if (variants.length > VARIANTS) variants.pop();
  return bytes;
}

function sameNumbers(kept: Float64Array, outcomes: Float64Array, offset: number): boolean {
  for (let k = 0; k < kept.length; k++) if (kept[k] !== outcomes[offset + k]) return false;
  return true;
}

/** Buckets [first, end) as comma-separated JSON objects. */
function bucketsText(starts: readonly Millis[], outcomes: Float64Array, first: number, end: number): string {
  const buckets = new Array<string>(end - first);
  for (let i = first; i < end; i++) {
    const at = i * OUTCOMES;
    buckets[i - first] = `{"bucketStart":"${isoInstant(starts[i] as Millis)}","total":${outcomes[at]},"succeeded":${outcomes[at + 1]},"failed":${outcomes[at + 2]},"cancelled":${outcomes[at + 3]}}`;
  }
  return buckets.join(',');
}

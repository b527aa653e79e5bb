/**
 * B3OS's time series as JSON, straight from the domain's series parts: `[{"bucketStart":…,"total":…,
 * "succeeded":…,"failed":…,"cancelled":…},…]` without an object per bucket, as UTF-8 bytes.
 *
 * Dashboards ask for the same past again and again (a 30-day hourly chart every few seconds), and the text
 * of a bucket is a pure function of its start and its four numbers. So the series is written a chunk at a
 * time (24 buckets: UTC days of hours, or 24 days) and the bytes of each chunk are remembered, with nothing
 * to invalidate:
 * - a whole day of an hourly series that the domain took as stored (series-parts.ts: an array that never
 *   changes) is remembered by that array's identity, so it costs one lookup
 *   (docs/performance.md#whole-days-by-identity);
 * - any other chunk, or the part of one a window begins or ends with, is remembered with the numbers it was
 *   written from and reused when the same buckets have the same numbers again: a changed count is a miss.
 * A 721-hour answer is then 31 remembered pieces, the 29 whole days between its ends joined into one,
 * remembered too (json-array-pieces.ts): written out as they are, with nothing to encode or copy.
 */
import type { SeriesPart, TimeSeries } from '../../domain/analytics/series-parts.ts';
import type { Millis } from '../../domain/records.ts';
import { OUTCOMES } from '../../domain/store/hourly-counts.ts';
import { JsonArrayPieces } from '../../core/json-array-pieces.ts';
import { utf8 } from '../../core/serialized-json.ts';
import { isoInstant } from '../shared/iso-instant.ts';

const CHUNK = 24;
/** Variants kept per first bucket (workspaces, or buckets whose counts changed). */
const VARIANTS = 4;
/** Bytes and numbers kept in all: past it, everything is forgotten before the next series is written. */
const MAX_REMEMBERED_BYTES = 32 * 1024 * 1024;
let rememberedBytes = 0;

interface PieceBytes {
  /** Four a bucket: how many buckets the piece has, and their counts. */
  readonly numbers: readonly number[];
  readonly bytes: Uint8Array;
}

/**
 * Remembered pieces by bucket length (an hour chunk and a day chunk may start at the same instant), then
 * by the start of their first bucket.
 */
const remembered = new Map<Millis, Map<Millis, PieceBytes[]>>();
/** The bytes of whole stored days, by their snapshot (one UTC day's hours: its identity says which day). */
let keptDays = new WeakMap<SeriesPart['numbers'], Uint8Array>();
/** What a remembered number is counted as (a double). */
const BYTES_PER_NUMBER = 8;

/**
 * The buckets' JSON array, in pieces to be written one after the other (each chunk `,` and its buckets,
 * then joined as json-array-pieces.ts says).
 */
export function seriesJson(series: TimeSeries): Uint8Array[] {
  if (rememberedBytes > MAX_REMEMBERED_BYTES) {
    remembered.clear();
    keptDays = new WeakMap();
    rememberedBytes = 0;
  }
  const { first, step } = series;
  let chunks = remembered.get(step);
  if (chunks === undefined) remembered.set(step, (chunks = new Map()));
  const span = CHUNK * step;
  const elements: Uint8Array[] = [];
  let bucket = 0;
  for (const { numbers, kept } of series.parts) {
    const count = numbers.length / OUTCOMES;
    const partStart = first + bucket * step;
    if (kept && count === CHUNK && partStart % span === 0) {
      elements.push(keptDay(numbers, partStart, step));
    } else {
      let i = 0;
      while (i < count) {
        const start = partStart + i * step;
        const end = Math.min(count, i + (Math.floor(start / span) * span + span - start) / step);
        elements.push(piece(chunks, start, step, numbers, i, end));
        i = end;
      }
    }
    bucket += count;
  }
  return arrays.pieces(elements);
}

/** The whole days between a window's two ends, joined (json-array-pieces.ts). */
const arrays = new JsonArrayPieces(MAX_REMEMBERED_BYTES / 2);

/** `,` and a whole stored day's buckets from `start`, by the identity of its snapshot. */
function keptDay(numbers: SeriesPart['numbers'], start: Millis, step: Millis): Uint8Array {
  let bytes = keptDays.get(numbers);
  if (bytes === undefined) {
    bytes = utf8(`,${bucketsText(start, step, numbers, 0, CHUNK)}`);
    keptDays.set(numbers, bytes);
    rememberedBytes += bytes.length;
  }
  return bytes;
}

/** `,` and buckets [first, end) of `numbers` (the first of them starting at `start`): remembered, or written and remembered. */
function piece(chunks: Map<Millis, PieceBytes[]>, start: Millis, step: Millis, numbers: SeriesPart['numbers'], first: number, end: number): Uint8Array {
  const from = first * OUTCOMES;
  const to = end * OUTCOMES;
  let variants = chunks.get(start);
  if (variants === undefined) chunks.set(start, (variants = []));
  for (let v = 0; v < variants.length; v++) {
    const candidate = variants[v] as PieceBytes;
    if (sameNumbers(candidate.numbers, numbers, from, to)) {
      if (v > 0) variants.unshift(...variants.splice(v, 1));
      return candidate.bytes;
    }
  }
  const bytes = utf8(`,${bucketsText(start, step, numbers, first, end)}`);
  variants.unshift({ numbers: Array.prototype.slice.call(numbers, from, to) as number[], bytes });
  rememberedBytes += bytes.length + (to - from) * BYTES_PER_NUMBER;
  const dropped = variants.length > VARIANTS ? variants.pop() : undefined;
  if (dropped !== undefined) rememberedBytes -= dropped.bytes.length + dropped.numbers.length * BYTES_PER_NUMBER;
  return bytes;
}

function sameNumbers(kept: readonly number[], numbers: SeriesPart['numbers'], from: number, to: number): boolean {
  if (kept.length !== to - from) return false;
  for (let k = 0; k < kept.length; k++) if (kept[k] !== numbers[from + k]) return false;
  return true;
}

/** Buckets [first, end) of `numbers` as comma-separated JSON objects, bucket `first` starting at `start`. */
function bucketsText(start: Millis, step: Millis, numbers: SeriesPart['numbers'], first: number, end: number): string {
  const buckets = new Array<string>(end - first);
  for (let i = first; i < end; i++) {
    const at = i * OUTCOMES;
    buckets[i - first] = `{"bucketStart":"${isoInstant(start + (i - first) * step)}","total":${numbers[at]},"succeeded":${numbers[at + 1]},"failed":${numbers[at + 2]},"cancelled":${numbers[at + 3]}}`;
  }
  return buckets.join(',');
}

/**
 * The change stream's wire format, shared by every transport that carries it (the append-only log file of
 * src/node/change-log.ts today; a Redis Stream or a replica later). Pure: no Node, no I/O.
 *
 * ## Records
 *
 * One change is one record, one line of UTF-8 JSON ended by `\n`:
 *
 *     {"seq":42,"change":{"kind":"clock","mode":"frozen","now":1767225600000},"crc":"7f1fa65d"}
 *
 * - `seq`: the change's position in the stream, 1, 2, 3… without gaps; a reset or a new scenario does NOT
 *   restart it, so a durable seq always names one change (a seq whose write was refused, never durable,
 *   is given to the next change). A reader that has applied up to N skips every record ≤ N: replaying a
 *   record twice is impossible (idempotent replay: `seqAction`).
 * - `change`: the MockChange (src/core/state-changes.ts) exactly as JSON.stringify wrote it (a decoded
 *   record also gives that text, `json`, so a writer can keep it without serializing it again).
 * - `crc`: CRC-32 (IEEE 802.3, the zlib/PNG one), 8 lower-case hex digits, of the line's UTF-8 bytes
 *   BEFORE `,"crc":` — so it covers the exact bytes written, whatever a JSON re-encoding would give. The
 *   whole line stays plain JSON (`jq` reads a log).
 *
 * ## Reading a stream of records: `readRecords(text or bytes, { after })`
 *
 * Returns the valid prefix (the records after `after`, checked and consecutive), how many bytes it spans
 * (`validBytes`, in UTF-8), and, if anything follows it, what was dropped and why (`dropped`):
 *
 * - `torn`: the last line has no `\n` — an interrupted write (never acknowledged: a record is
 *   acknowledged only once its whole line, newline included, is durable);
 * - `checksum`: a complete line whose CRC does not match its bytes;
 * - `malformed`: a complete line that is not a record (bad JSON, wrong fields, an empty line…);
 * - `seq-gap`: a verified record whose seq is not the next one (a record is missing or repeated).
 *
 * `dropped.repairable` says whether it is a torn tail that a writer should cut off and report (SQLite
 * WAL, redis-check-aof): the first problem is `torn`, `checksum` or `malformed` AND no verifiable record
 * follows it (nor hides in the bad line: a record whose newline was damaged runs into the next one).
 * Anything else (verified records after the damage, a seq gap) is damage in the middle: a reader must
 * not drop acknowledged records on its own, so it stops and names `dropped.offset`.
 *
 * ## Snapshots: `encodeSnapshot` / `decodeSnapshot`
 *
 * The base a stream applies to: the scenario in force and the changes compacted into it, up to `seq`:
 *
 *     {"format":"flowmock-state","version":2,"seq":S,"scenario":{…},"changes":[…]}
 *
 * `changes` are the changes with seq S-changes.length+1 … S (all of them since the scenario was put in
 * force, or an equivalent shorter list a compaction folded them into); records ≤ S of a log are already in
 * it. Version 1 (`{"format":"flowmock-state","version":1,"scenario","changes"}`, the whole-file state file
 * of flowmock ≤ 0.1) decodes as a snapshot at seq = changes.length (`legacy: true`).
 */
import type { MockChange } from './state-changes.ts';

// ---------------------------------------------------------------------------------------------- CRC-32

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE, reflected, as zlib's `crc32`) of `bytes[start, end)`. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = (CRC_TABLE[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// ------------------------------------------------------------------------------------------- Records

export interface ChangeRecord {
  readonly seq: number;
  readonly change: MockChange;
  /** The change's JSON text exactly as the record holds it (a writer keeps it without serializing again). */
  readonly json: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const NEWLINE = 0x0a;
/** `,"crc":"` + 8 hex digits + `"}` */
const CRC_SUFFIX_LENGTH = 18;
const CRC_SUFFIX_HEAD = encoder.encode(',"crc":"');
const RECORD_START = encoder.encode('{"seq":');
const CHANGE_KEY = encoder.encode(',"change":');

/** The JSON text of a change as a record carries it (it holds no raw newline: JSON.stringify escapes them). */
export function changeJson(change: MockChange): string {
  const json = JSON.stringify(change) as string | undefined;
  if (typeof json !== 'string' || !json.startsWith('{')) throw new TypeError('a change must serialize to a JSON object');
  return json;
}

/** The record line (with its `\n`) for the change `seq`; `change` may be given as its JSON text already. */
export function encodeRecord(seq: number, change: MockChange | string): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`a record's seq is a positive integer, not ${seq}`);
  const prefix = `{"seq":${seq},"change":${typeof change === 'string' ? change : changeJson(change)}`;
  return `${prefix},"crc":"${hex8(crc32(encoder.encode(prefix)))}"}\n`;
}

export type RecordProblem = 'checksum' | 'malformed';

export type DecodedRecord =
  | { readonly ok: true; readonly record: ChangeRecord }
  | { readonly ok: false; readonly problem: RecordProblem; readonly detail: string };

/** Verifies and decodes one record line (its trailing `\n`, if any, is ignored). */
export function decodeRecord(line: string | Uint8Array): DecodedRecord {
  const bytes = typeof line === 'string' ? encoder.encode(line) : line;
  const end = bytes.length > 0 && bytes[bytes.length - 1] === NEWLINE ? bytes.length - 1 : bytes.length;
  return decodeLine(bytes, 0, end);
}

function decodeLine(bytes: Uint8Array, start: number, end: number): DecodedRecord {
  const prefixEnd = end - CRC_SUFFIX_LENGTH;
  if (prefixEnd - start < 2 || bytes[start] !== 0x7b /* { */) return malformed('not a record line');
  for (let i = 0; i < CRC_SUFFIX_HEAD.length; i++) {
    if (bytes[prefixEnd + i] !== CRC_SUFFIX_HEAD[i]) return malformed('no ,"crc":"…"} at the end of the line');
  }
  if (bytes[end - 2] !== 0x22 /* " */ || bytes[end - 1] !== 0x7d /* } */) return malformed('no ,"crc":"…"} at the end of the line');
  const written = parseHex8(bytes, prefixEnd + CRC_SUFFIX_HEAD.length);
  if (written === undefined) return malformed('the crc is not 8 lower-case hex digits');
  const actual = crc32(bytes, start, prefixEnd);
  if (actual !== written) return { ok: false, problem: 'checksum', detail: `crc ${hex8(written)} written, ${hex8(actual)} computed` };
  // The line is exactly {"seq":<digits>,"change":<JSON>,"crc":"<hex>"}: the change's text lies between.
  let jsonStart = start + RECORD_START.length;
  if (!RECORD_START.every((byte, i) => bytes[start + i] === byte)) return malformed('the line does not start with {"seq":');
  while (jsonStart < prefixEnd && (bytes[jsonStart] as number) >= 0x30 && (bytes[jsonStart] as number) <= 0x39) jsonStart++;
  if (!CHANGE_KEY.every((byte, i) => bytes[jsonStart + i] === byte)) return malformed('no ,"change": after the seq');
  jsonStart += CHANGE_KEY.length;
  let text: string;
  let value: unknown;
  try {
    text = decoder.decode(bytes.subarray(start, end));
    value = JSON.parse(text);
  } catch (error) {
    return malformed(`not JSON (${(error as Error).message})`);
  }
  const keys = Object.keys(value as object);
  if (keys.length !== 3 || keys[0] !== 'seq' || keys[1] !== 'change' || keys[2] !== 'crc') return malformed('fields are not exactly seq, change, crc');
  const { seq, change } = value as { seq: unknown; change: unknown };
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return malformed('seq is not a positive integer');
  if (typeof change !== 'object' || change === null || Array.isArray(change) || typeof (change as { kind?: unknown }).kind !== 'string') {
    return malformed('change is not an object with a kind');
  }
  // Prefix and suffix are ASCII: their byte lengths are their lengths in the text.
  return { ok: true, record: { seq, change: change as MockChange, json: text.slice(jsonStart - start, text.length - CRC_SUFFIX_LENGTH) } };
}

function malformed(detail: string): DecodedRecord {
  return { ok: false, problem: 'malformed', detail };
}

// ------------------------------------------------------------------------------------ Reading a stream

export type DropReason = 'torn' | RecordProblem | 'seq-gap';

export interface DroppedRecords {
  readonly reason: DropReason;
  /** Byte offset (UTF-8) of the first line not accepted: where the valid prefix ends. */
  readonly offset: number;
  /** Bytes from `offset` to the end. */
  readonly bytes: number;
  /** The seq the next record should have had. */
  readonly expectedSeq: number;
  /** Verified records after the first bad line's start (complete lines whose checksum holds, or an intact
   *  record run into its neighbour by a damaged newline). */
  readonly verifiedAfter: number;
  /** A torn tail: cut it off at `offset` (and say so). Otherwise damage in the middle: stop. */
  readonly repairable: boolean;
  readonly detail: string;
}

export interface ReadRecords {
  /** The valid records with seq > `after`, consecutive, in order. */
  readonly records: ChangeRecord[];
  /** Valid records with seq ≤ `after` (already applied: a compaction or a reset wrote them into the base). */
  readonly skipped: number;
  /** The last valid seq seen, or `after` if higher (or if there is none). */
  readonly lastSeq: number;
  /** Bytes (UTF-8) of the valid prefix: every complete, verified, consecutive record. */
  readonly validBytes: number;
  readonly dropped?: DroppedRecords;
}

/**
 * Reads records from the start of a stream. `after`: the seq already applied (a snapshot's); the first
 * record may be at or below `after + 1` (older ones are skipped), each next one exactly its predecessor + 1.
 */
export function readRecords(input: string | Uint8Array, { after = 0 }: { after?: number } = {}): ReadRecords {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  const records: ChangeRecord[] = [];
  let skipped = 0;
  let previous: number | undefined;
  let pos = 0;
  while (pos < bytes.length) {
    const newline = bytes.indexOf(NEWLINE, pos);
    const expectedSeq = previous === undefined ? after + 1 : previous + 1;
    if (newline < 0) {
      const dropped = drop(bytes, pos, 'torn', expectedSeq, `${bytes.length - pos} byte(s) after the last newline: an interrupted write`);
      return { records, skipped, lastSeq: Math.max(after, previous ?? 0), validBytes: pos, dropped };
    }
    const decoded = decodeLine(bytes, pos, newline);
    let problem: { reason: DropReason; detail: string } | undefined;
    if (!decoded.ok) problem = { reason: decoded.problem, detail: decoded.detail };
    else {
      const { seq } = decoded.record;
      const inOrder = previous === undefined ? seq <= after + 1 : seq === previous + 1;
      if (!inOrder) problem = { reason: 'seq-gap', detail: `seq ${seq} where ${expectedSeq} was expected` };
    }
    if (problem !== undefined) {
      const dropped = drop(bytes, pos, problem.reason, expectedSeq, problem.detail);
      return { records, skipped, lastSeq: Math.max(after, previous ?? 0), validBytes: pos, dropped };
    }
    const record = (decoded as { record: ChangeRecord }).record;
    if (record.seq <= after) skipped++;
    else records.push(record);
    previous = record.seq;
    pos = newline + 1;
  }
  return { records, skipped, lastSeq: Math.max(after, previous ?? 0), validBytes: pos };
}

function drop(bytes: Uint8Array, offset: number, reason: DropReason, expectedSeq: number, detail: string): DroppedRecords {
  const lineEnd = reason === 'torn' ? bytes.length : bytes.indexOf(NEWLINE, offset);
  let verifiedAfter = reason === 'seq-gap' ? 0 : verifiedInside(bytes, offset, lineEnd, reason !== 'torn');
  let pos = reason === 'torn' ? bytes.length : lineEnd + 1;
  while (pos > 0 && pos < bytes.length) {
    const newline = bytes.indexOf(NEWLINE, pos);
    if (newline < 0) break;
    if (decodeLine(bytes, pos, newline).ok) verifiedAfter++;
    pos = newline + 1;
  }
  const repairable = reason !== 'seq-gap' && verifiedAfter === 0;
  return { reason, offset, bytes: bytes.length - offset, expectedSeq, verifiedAfter, repairable, detail };
}

/**
 * Verified records inside a bad line: a record whose newline was damaged runs into the next one, and
 * their line fails as a whole although the first (and the second, if the line is complete) is intact.
 */
function verifiedInside(bytes: Uint8Array, start: number, end: number, complete: boolean): number {
  let found = 0;
  for (let p = bytes.indexOf(0x7b, start + 1); p > start && p < end; p = bytes.indexOf(0x7b, p + 1)) {
    if (!RECORD_START.every((byte, i) => bytes[p + i] === byte)) continue;
    if (decodeLine(bytes, start, p - 1).ok) found++;
    if (complete && decodeLine(bytes, p, end).ok) found++;
    if (found > 0) return found;
  }
  return found;
}

/** What a reader that has applied up to `lastApplied` does with the record `seq`. */
export function seqAction(lastApplied: number, seq: number): 'apply' | 'skip' | 'gap' {
  if (seq <= lastApplied) return 'skip';
  return seq === lastApplied + 1 ? 'apply' : 'gap';
}

// ------------------------------------------------------------------------------------------ Snapshots

export const SNAPSHOT_FORMAT = 'flowmock-state';
export const SNAPSHOT_VERSION = 2;

export interface Snapshot<Scenario = unknown> {
  /** The seq of the last change it holds (or at which the scenario was put in force). */
  readonly seq: number;
  readonly scenario: Scenario;
  readonly changes: readonly MockChange[];
}

export interface DecodedSnapshot extends Snapshot {
  /** A version-1 state file (no seq of its own). */
  readonly legacy: boolean;
  /**
   * The changes' JSON texts joined by commas, as the file holds them, when it is exactly as
   * `joinSnapshot` writes it (a writer keeps that text rather than serializing every change again).
   */
  readonly changesJson?: string;
}

export class SnapshotFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotFormatError';
  }
}

export function encodeSnapshot(snapshot: Snapshot): string {
  return joinSnapshot(snapshot.seq, JSON.stringify(snapshot.scenario), snapshot.changes.map(changeJson));
}

/** `encodeSnapshot` from JSON texts already at hand (a writer keeps its changes as JSON). */
export function joinSnapshot(seq: number, scenarioJson: string, changeJsons: readonly string[]): string {
  if (!Number.isSafeInteger(seq) || seq < changeJsons.length) throw new RangeError(`a snapshot at seq ${seq} cannot hold ${changeJsons.length} change(s)`);
  return `${snapshotHead(seq, scenarioJson)}${changeJsons.join(',')}${SNAPSHOT_TAIL}`;
}

const SNAPSHOT_TAIL = ']}\n';

function snapshotHead(seq: number, scenarioJson: string): string {
  return `{"format":"${SNAPSHOT_FORMAT}","version":${SNAPSHOT_VERSION},"seq":${seq},"scenario":${scenarioJson},"changes":[`;
}

export function decodeSnapshot(text: string): DecodedSnapshot {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SnapshotFormatError(`not valid JSON (${(error as Error).message})`);
  }
  const doc = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (doc.format !== SNAPSHOT_FORMAT || (doc.version !== 1 && doc.version !== SNAPSHOT_VERSION)) {
    throw new SnapshotFormatError(`not a flowmock state file (format "${SNAPSHOT_FORMAT}", version 1 or ${SNAPSHOT_VERSION})`);
  }
  const { changes, scenario } = doc;
  if (!Array.isArray(changes)) throw new SnapshotFormatError('"changes" is not an array');
  changes.forEach((change: unknown, i) => {
    if (typeof change !== 'object' || change === null || typeof (change as { kind?: unknown }).kind !== 'string') {
      throw new SnapshotFormatError(`changes[${i}] is not a change (an object with a kind)`);
    }
  });
  if (typeof scenario !== 'object' || scenario === null || Array.isArray(scenario)) throw new SnapshotFormatError('"scenario" is not an object');
  if (doc.version === 1) return { seq: changes.length, scenario, changes: changes as MockChange[], legacy: true };
  const { seq } = doc;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < changes.length) {
    throw new SnapshotFormatError(`"seq" is not an integer ≥ the number of changes (${changes.length})`);
  }
  // JSON.stringify's output is a fixed point of parse + stringify, so our own file starts with this head.
  const head = snapshotHead(seq, JSON.stringify(scenario));
  const own = Object.keys(doc).join() === 'format,version,seq,scenario,changes' && text.startsWith(head) && text.endsWith(SNAPSHOT_TAIL);
  return { seq, scenario, changes: changes as MockChange[], legacy: false, ...(own ? { changesJson: text.slice(head.length, -SNAPSHOT_TAIL.length) } : {}) };
}

// -------------------------------------------------------------------------------------------- helpers

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

function parseHex8(bytes: Uint8Array, start: number): number | undefined {
  let n = 0;
  for (let i = start; i < start + 8; i++) {
    const c = bytes[i] as number;
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
    if (digit < 0) return undefined;
    n = n * 16 + digit;
  }
  return n;
}

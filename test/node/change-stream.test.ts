/**
 * The change stream's record format (src/core/change-stream.ts): CRC-32 as zlib computes it; records
 * round-trip; a stream cut anywhere yields exactly its complete records and a repairable torn tail; a
 * damaged byte is always detected, and is a torn tail only when nothing verifiable follows it.
 */
import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crc32, decodeRecord, decodeSnapshot, encodeRecord, encodeSnapshot, joinSnapshot, readRecords, seqAction, SnapshotFormatError,
} from '../../src/core/change-stream.ts';
import type { MockChange } from '../../src/core/state-changes.ts';
import { change, clock } from './helpers/changes.ts';

const encoder = new TextEncoder();

const arbChange: fc.Arbitrary<MockChange> = fc.oneof(
  fc.record({ kind: fc.constant('clock' as const), mode: fc.constantFrom('frozen' as const, 'real' as const), now: fc.integer({ min: 0, max: 2 ** 45 }) }),
  fc.record({
    kind: fc.constant('faults' as const),
    rules: fc.array(fc.record({ id: fc.string({ unit: 'grapheme', maxLength: 12 }), api: fc.constant('b3os' as const), message: fc.string({ unit: 'binary', maxLength: 30 }) }), { maxLength: 3 }),
  }),
);

function stream(changes: readonly MockChange[], first = 1): { bytes: Uint8Array; ends: number[] } {
  const ends: number[] = [];
  let text = '';
  changes.forEach((c, i) => {
    text += encodeRecord(first + i, c);
    ends.push(encoder.encode(text).length);
  });
  return { bytes: encoder.encode(text), ends };
}

describe('crc32', () => {
  it('is the CRC-32 zlib computes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => crc32(bytes) === zlibCrc32(bytes)));
    expect(crc32(encoder.encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('records', () => {
  it('round-trip, one JSON line each, whatever the change holds', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), arbChange, (seq, c) => {
      const line = encodeRecord(seq, c);
      expect(line.endsWith('\n')).toBe(true);
      expect(line.indexOf('\n')).toBe(line.length - 1);
      expect(JSON.parse(line)).toMatchObject({ seq, change: JSON.parse(JSON.stringify(c)) });
      expect(decodeRecord(line)).toEqual({ ok: true, record: { seq, change: JSON.parse(JSON.stringify(c)), json: JSON.stringify(c) } });
    }));
  });

  it('says why a line is not a record', () => {
    const line = encodeRecord(7, clock(1));
    expect(decodeRecord(line.replace('"now":1', '"now":2'))).toMatchObject({ ok: false, problem: 'checksum' });
    expect(decodeRecord('')).toMatchObject({ ok: false, problem: 'malformed' });
    expect(decodeRecord('{"seq":1,"change":{"kind":"clock"}}')).toMatchObject({ ok: false, problem: 'malformed' });
    expect(decodeRecord(line.replace(/"crc":"[0-9a-f]{8}"/, '"crc":"XYZ12345"'))).toMatchObject({ ok: false, problem: 'malformed' });
    // A valid checksum over something that is not a record is still refused.
    const forged = (prefix: string) => `${prefix},"crc":"${crc32(encoder.encode(prefix)).toString(16).padStart(8, '0')}"}`;
    expect(decodeRecord(forged('{"seq":0,"change":{"kind":"clock"}'))).toMatchObject({ ok: false, problem: 'malformed' });
    expect(decodeRecord(forged('{"seq":1,"change":[1]'))).toMatchObject({ ok: false, problem: 'malformed' });
    expect(decodeRecord(forged('{"seq":1,"change":{"kind":"clock"}'))).toMatchObject({ ok: true, record: { json: '{"kind":"clock"}' } });
    // Only the exact form a writer gives is a record.
    expect(decodeRecord(forged('{"seq": 1,"change":{"kind":"clock"}'))).toMatchObject({ ok: false, problem: 'malformed' });
    expect(decodeRecord(forged('{"seq":1,"crc":"0","change":{"kind":"clock"}'))).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('refuses a seq that is not a positive integer, and a change that is not an object', () => {
    expect(() => encodeRecord(0, clock(1))).toThrow(RangeError);
    expect(() => encodeRecord(1.5, clock(1))).toThrow(RangeError);
    expect(() => encodeRecord(1, 'null')).not.toThrow(); // JSON text given as is; the reader refuses it
    expect(decodeRecord(encodeRecord(1, 'null'))).toMatchObject({ ok: false, problem: 'malformed' });
  });
});

describe('readRecords', () => {
  it('reads a whole stream, from text or bytes', () => {
    fc.assert(fc.property(fc.array(arbChange, { maxLength: 20 }), (changes) => {
      const { bytes } = stream(changes);
      const read = readRecords(bytes);
      expect(read.records.map((r) => r.seq)).toEqual(changes.map((_, i) => i + 1));
      expect(read.validBytes).toBe(bytes.length);
      expect(read.dropped).toBeUndefined();
      expect(readRecords(new TextDecoder().decode(bytes))).toEqual(read);
    }));
  });

  it('cut anywhere: exactly the complete records, and a repairable torn tail', () => {
    fc.assert(fc.property(fc.array(arbChange, { minLength: 1, maxLength: 12 }), fc.nat(), (changes, at) => {
      const { bytes, ends } = stream(changes);
      const cut = at % (bytes.length + 1);
      const complete = ends.filter((end) => end <= cut).length;
      const read = readRecords(bytes.subarray(0, cut));
      expect(read.records).toHaveLength(complete);
      expect(read.validBytes).toBe(complete === 0 ? 0 : ends[complete - 1]);
      if (cut === read.validBytes) expect(read.dropped).toBeUndefined();
      else expect(read.dropped).toMatchObject({ reason: 'torn', offset: read.validBytes, bytes: cut - read.validBytes, repairable: true });
    }));
  });

  it('a damaged byte is always caught: a torn tail in the last record, damage with its offset before it', () => {
    fc.assert(fc.property(fc.array(arbChange, { minLength: 1, maxLength: 10 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (changes, at, xor) => {
      const { bytes, ends } = stream(changes);
      const damaged = bytes.slice();
      const position = at % bytes.length;
      damaged[position] = (damaged[position] as number) ^ xor;
      const read = readRecords(damaged);
      const record = ends.findIndex((end) => position < end);
      const start = record === 0 ? 0 : (ends[record - 1] as number);
      expect(read.records).toHaveLength(record);
      expect(read.dropped?.offset).toBe(start);
      expect(read.dropped?.repairable).toBe(record === changes.length - 1);
      if (record < changes.length - 1) expect(read.dropped?.verifiedAfter).toBeGreaterThan(0);
    }), { numRuns: 300 });
  });

  it('a damaged newline is not a torn tail: the record before it is intact', () => {
    const { bytes, ends } = stream([change('a'), change('b'), change('c')]);
    const damaged = bytes.slice();
    damaged[(ends[1] as number) - 1] = 0x20; // record 2 runs into record 3
    expect(readRecords(damaged).dropped).toMatchObject({ reason: 'checksum', offset: ends[0], verifiedAfter: 2, repairable: false });
    damaged[(ends[2] as number) - 1] = 0x20; // …and record 3 has lost its newline too
    expect(readRecords(damaged).dropped).toMatchObject({ reason: 'torn', offset: ends[0], verifiedAfter: 1, repairable: false });
  });

  it('skips what was already applied, and stops at a gap in seq', () => {
    const { bytes } = stream([clock(1), clock(2), clock(3), clock(4)]);
    expect(readRecords(bytes, { after: 2 })).toMatchObject({ skipped: 2, lastSeq: 4, records: [{ seq: 3 }, { seq: 4 }] });
    expect(readRecords(bytes, { after: 9 })).toMatchObject({ skipped: 4, lastSeq: 9, records: [] });
    // The first record may not jump past after + 1: records are missing.
    expect(readRecords(stream([clock(1)], 5).bytes, { after: 3 }).dropped).toMatchObject({ reason: 'seq-gap', expectedSeq: 4, repairable: false });
    const gap = encoder.encode(encodeRecord(1, clock(1)) + encodeRecord(3, clock(3)));
    expect(readRecords(gap)).toMatchObject({ records: [{ seq: 1 }], dropped: { reason: 'seq-gap', offset: gap.indexOf(10) + 1, repairable: false } });
    const repeated = encoder.encode(encodeRecord(1, clock(1)) + encodeRecord(1, clock(1)));
    expect(readRecords(repeated).dropped).toMatchObject({ reason: 'seq-gap', detail: 'seq 1 where 2 was expected' });
  });

  it('a bad last line with a torn line after it is still a torn tail', () => {
    const good = encodeRecord(1, change('a'));
    const text = `${good}garbage\n${encodeRecord(2, change('b')).slice(0, 10)}`;
    expect(readRecords(text).dropped).toMatchObject({ reason: 'malformed', offset: good.length, repairable: true });
    expect(readRecords(`${good}\n`).dropped).toMatchObject({ reason: 'malformed', offset: good.length, repairable: true });
    expect(readRecords(`${good}\u0000\u0000\u0000`).dropped).toMatchObject({ reason: 'torn', repairable: true });
  });

  it('tells a reader what to do with a seq', () => {
    expect([seqAction(4, 3), seqAction(4, 4), seqAction(4, 5), seqAction(4, 7)]).toEqual(['skip', 'skip', 'apply', 'gap']);
  });
});

describe('snapshots', () => {
  const doc = { version: 1, name: 's', seed: 3, workspaces: [] };

  it('round-trip', () => {
    const text = encodeSnapshot({ seq: 9, scenario: doc, changes: [clock(1), change('x')] });
    expect(JSON.parse(text)).toMatchObject({ format: 'flowmock-state', version: 2, seq: 9 });
    expect(decodeSnapshot(text)).toEqual({
      seq: 9, scenario: doc, changes: [clock(1), change('x')], legacy: false, changesJson: `${JSON.stringify(clock(1))},${JSON.stringify(change('x'))}`,
    });
    // A snapshot written otherwise (by hand, pretty-printed) reads the same, without the text of its changes.
    const pretty = decodeSnapshot(JSON.stringify(JSON.parse(text), null, 2));
    expect(pretty).toEqual({ seq: 9, scenario: doc, changes: [clock(1), change('x')], legacy: false });
    expect(joinSnapshot(9, JSON.stringify(doc), [JSON.stringify(clock(1)), JSON.stringify(change('x'))])).toBe(text);
  });

  it('read a version-1 state file as a snapshot at seq = its number of changes', () => {
    const v1 = JSON.stringify({ format: 'flowmock-state', version: 1, scenario: doc, changes: [clock(1), clock(2)] });
    expect(decodeSnapshot(v1)).toEqual({ seq: 2, scenario: doc, changes: [clock(1), clock(2)], legacy: true });
  });

  it('say what is wrong with a file that is not one', () => {
    expect(() => decodeSnapshot('{"format":"flowmock-state","version":2,"seq":1,"scen')).toThrow(/not valid JSON/);
    expect(() => decodeSnapshot('{"format":"other","version":2}')).toThrow(SnapshotFormatError);
    expect(() => decodeSnapshot(JSON.stringify({ format: 'flowmock-state', version: 2, seq: 1, scenario: doc, changes: [1] }))).toThrow(/changes\[0\]/);
    expect(() => decodeSnapshot(JSON.stringify({ format: 'flowmock-state', version: 2, seq: 0, scenario: doc, changes: [clock(1)] }))).toThrow(/seq/);
    expect(() => decodeSnapshot(JSON.stringify({ format: 'flowmock-state', version: 2, seq: 0, scenario: null, changes: [] }))).toThrow(/scenario/);
    expect(() => joinSnapshot(0, '{}', ['{}'])).toThrow(RangeError);
  });
});

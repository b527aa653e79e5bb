/**
 * The short way of reading a plain body (src/server/body-reader.ts) beside its plain rule, body-parser's raw:
 * the same requests, sent over a socket in whatever pieces, must give the same bytes or the same failure
 * (status, message, type) through both, and a reader must never be left waiting.
 */
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyReader, plainBodyReader, type BodyReader } from '../../src/server/body-reader.ts';

const LIMIT = 64;

interface Outcome {
  readonly body?: string;
  readonly error?: { readonly status: unknown; readonly message: unknown; readonly type: unknown };
}

/** Whether the last body was handed on before the request's stream ended: taken from its buffer at once, not streamed. */
const takenAtOnce = new Map<BodyReader, boolean>();

/** A server whose every request is read by `reader`; what it read (or how it failed) is told to `seen`. */
function serverWith(reader: BodyReader, seen: (outcome: Outcome) => void): Server {
  const app = express();
  app.use((req, res) => reader(req, res, (error, body) => {
    takenAtOnce.set(reader, !req.readableEnded);
    const { status, message, type } = (error ?? {}) as Record<string, unknown>;
    const outcome: Outcome = error === undefined || error === null ? { body: body!.toString('base64') } : { error: { status, message, type } };
    seen(outcome);
    res.setHeader('connection', 'close');
    res.json(outcome);
  }));
  return createServer(app);
}

class Reading {
  readonly server: Server;
  readonly reader: BodyReader;
  #waiting: ((outcome: Outcome) => void) | undefined;
  port = 0;

  constructor(reader: BodyReader) {
    this.reader = reader;
    this.server = serverWith(reader, (outcome) => this.#waiting?.(outcome));
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  /**
   * Sends `pieces` one after the other (then closes the socket when `abort`), and resolves with what the
   * reader saw. Between pieces: a turn of the event loop the server shares (it may read two pieces as one),
   * or `gapMs` milliseconds.
   */
  read(pieces: readonly Buffer[], abort = false, gapMs = 0): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the reader never finished')), 5000);
      this.#waiting = (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      const socket = connect(this.port, '127.0.0.1', async () => {
        for (const piece of pieces) {
          socket.write(piece);
          await new Promise((r) => (gapMs > 0 ? setTimeout(r, gapMs) : setImmediate(r)));
        }
        if (abort) socket.destroy();
      });
      socket.on('error', () => {});
      socket.resume();
    });
  }
}

const plain = new Reading(plainBodyReader(LIMIT));
const short = new Reading(bodyReader(LIMIT));

beforeAll(async () => {
  await plain.listen();
  await short.listen();
});
afterAll(() => {
  plain.server.close();
  short.server.close();
});

function request(body: Buffer, headers: Record<string, string | number>): Buffer {
  const lines = ['GET /api/v1/workspaces/metrics HTTP/1.1', 'host: localhost', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), body]);
}

/** `bytes` cut at `cuts` (offsets, any order). */
function pieces(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const cut of [...at, bytes.length]) {
    if (cut > from) out.push(bytes.subarray(from, cut));
    from = Math.max(from, cut);
  }
  return out;
}

async function both(pieceList: readonly Buffer[], abort = false): Promise<[Outcome, Outcome]> {
  return [await plain.read(pieceList, abort), await short.read(pieceList, abort)];
}

describe('reading a request body, the short way beside body-parser', () => {
  it('gives the same bytes for any plain body within the limit, however it arrives', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: LIMIT }), fc.array(fc.nat(), { maxLength: 5 }), async (bytes, cuts) => {
      const message = request(Buffer.from(bytes), { 'content-type': 'application/json', 'content-length': bytes.length });
      const [a, b] = await both(pieces(message, cuts));
      expect(b).toEqual(a);
      expect(b.body).toBe(Buffer.from(bytes).toString('base64'));
    }), { numRuns: 60 });
  });

  it('takes a body sent in one piece with its headers from the buffer at once; one sent later, from the stream', async () => {
    const json = Buffer.from('{"workspace_uuid":"x","metric":"executions"}');
    const message = request(json, { 'content-type': 'application/json', 'content-length': json.length });
    const whole = await short.read([message]);
    expect(whole.body).toBe(json.toString('base64'));
    expect(takenAtOnce.get(short.reader)).toBe(true);
    const split = await short.read(pieces(message, [message.length - 5]), false, 50);
    expect(split.body).toBe(json.toString('base64'));
    expect(takenAtOnce.get(short.reader)).toBe(false);
    // body-parser hands a body on once its stream has ended.
    await plain.read([message]);
    expect(takenAtOnce.get(plain.reader)).toBe(false);
  });

  it('fails the same way on a body over the limit, and reads what it hands on (gzip, identity, chunked)', async () => {
    const big = Buffer.alloc(LIMIT + 1, 97);
    const json = Buffer.from('{"metric":"executions"}');
    const zipped = gzipSync(json);
    const chunked = Buffer.concat([Buffer.from(`${json.length.toString(16)}\r\n`), json, Buffer.from('\r\n0\r\n\r\n')]);
    const cases = [
      request(big, { 'content-length': big.length }),
      request(json, { 'content-length': json.length, 'content-encoding': 'identity' }),
      request(json, { 'content-length': json.length, 'content-encoding': 'IDENTITY' }),
      request(zipped, { 'content-length': zipped.length, 'content-encoding': 'gzip' }),
      request(zipped, { 'content-length': zipped.length, 'content-encoding': 'compress' }),
      request(chunked, { 'transfer-encoding': 'chunked' }),
      request(Buffer.alloc(0), { 'content-length': 0 }),
    ];
    const outcomes = [];
    for (const message of cases) {
      const [a, b] = await both([message]);
      expect(b).toEqual(a);
      outcomes.push(b);
    }
    expect(outcomes[0]!.error).toMatchObject({ status: 413, type: 'entity.too.large' });
    expect(outcomes[3]!.body).toBe(json.toString('base64'));
    expect(outcomes[4]!.error).toMatchObject({ status: 415, type: 'encoding.unsupported' });
    expect(outcomes[5]!.body).toBe(json.toString('base64'));
  });

  it('fails the same way when the client goes away in the middle of the body', async () => {
    const message = request(Buffer.from('{"metric":'), { 'content-length': 40 });
    const [a, b] = await both([message], true);
    expect(b).toEqual(a);
    expect(b.error).toMatchObject({ status: 400, type: 'request.aborted', message: 'request aborted' });
  });
});

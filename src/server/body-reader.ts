/**
 * A request's body for the core, read in Express (docs/performance.md#request-bodies). The plain rule is
 * body-parser's `raw` (`express.raw`): it undoes Content-Encoding (gzip, deflate, br), enforces the limit
 * and the declared length, and turns every failure into an error with a `type`. It is also about half of
 * what a Multiplai query costs: a promise, finished-hooks, a decoder check and an unpipe for some 300 bytes.
 *
 * The common case takes a shorter way: no Content-Encoding (or `identity`), a Content-Length within the
 * limit, no Transfer-Encoding. Its bytes are taken from the request's buffer at once when the whole message
 * is there, else collected from the stream with one listener per event, and a failure gets the error
 * body-parser would give (same status, message and `type`: aborted, or the length not matching). Everything
 * else goes through body-parser. test/server/body-reader.test.ts checks that both ways read the same bodies
 * and fail the same way, and that a message sent whole is taken at once.
 */
import type { IncomingMessage } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';

/** A reader: `done(error)` on failure (an http-errors error with a `type`), else `done(undefined, body)`. */
export type BodyReader = (req: Request, res: Response, done: (error: unknown, body?: Buffer) => void) => void;

/** body-parser's `raw` for any content type: the plain rule. */
export function plainBodyReader(limit: number): BodyReader {
  const raw = express.raw({ type: () => true, limit });
  return (req, res, done) => {
    raw(req, res, ((error?: unknown) => {
      if (error !== undefined && error !== null) return done(error);
      const body = req.body as Buffer | undefined;
      done(undefined, Buffer.isBuffer(body) ? body : Buffer.alloc(0));
    }) as NextFunction);
  };
}

/**
 * The short way for a plain body of a declared length within `limit`, and `plainBodyReader` for the rest.
 * A small body usually comes in the same packet as the headers: Node's parser calls the server with the
 * headers, then pushes the body into the request's buffer. By the event loop's check phase (`setImmediate`:
 * not the next tick, which runs between the two) the whole message is there (`complete`, all `length`
 * bytes buffered) and is taken with one `read`, with no listener and no flowing. Otherwise, or if the
 * request changed meanwhile, the way is chosen then (docs/performance.md#request-bodies).
 */
export function bodyReader(limit: number): BodyReader {
  const plain = plainBodyReader(limit);
  const choose = (req: Request, res: Response, done: (error: unknown, body?: Buffer) => void): void => {
    const length = plainLength(req, limit);
    if (length === undefined) return plain(req, res, done);
    collect(req, length, done);
  };
  return (req, res, done) => {
    const length = plainLength(req, limit);
    if (length === undefined) return plain(req, res, done);
    setImmediate(() => {
      if (length > 0 && req.complete && req.readableLength === length && !req.destroyed) return done(undefined, req.read(length) as Buffer);
      choose(req, res, done);
    });
  };
}

/**
 * The declared length when the short way applies, else undefined. A request body-parser sees as finished
 * (its `on-finished` check: aborted, its socket no longer readable, or its body read already) goes to
 * body-parser too, which then reads nothing, as it always did.
 */
function plainLength(req: IncomingMessage, limit: number): number | undefined {
  const { headers } = req;
  if (req.destroyed || req.socket === null || !req.socket.readable || (req.complete && !req.readable)) return undefined;
  if (headers['transfer-encoding'] !== undefined) return undefined;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined;
  const declared = headers['content-length'];
  if (declared === undefined || !/^\d{1,15}$/.test(declared)) return undefined;
  const length = Number(declared);
  return length <= limit && !req.readableEnded && req.readableEncoding === null ? length : undefined;
}

function collect(req: IncomingMessage, length: number, done: (error: unknown, body?: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let received = 0;
  let finished = false;
  const finish = (error: unknown, body?: Buffer) => {
    if (finished) return;
    finished = true;
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('aborted', onAborted);
    req.off('error', onError);
    // What is left of the body is read and dropped, as body-parser does: the connection stays usable.
    if (error !== undefined) req.resume();
    done(error, body);
  };
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    chunks.push(chunk);
  };
  const onEnd = () => {
    if (received !== length) return finish(httpError(400, 'request size did not match content length', { expected: length, length, received, type: 'request.size.invalid' }));
    finish(undefined, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received));
  };
  const onAborted = () => finish(httpError(400, 'request aborted', { code: 'ECONNABORTED', expected: length, length, received, type: 'request.aborted' }));
  const onError = (error: Error) => finish(error);
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('aborted', onAborted);
  req.on('error', onError);
}

/** An error shaped as http-errors makes them (body-parser's): status, expose, and the fields given. */
function httpError(status: number, message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), { status, statusCode: status, expose: status < 500 }, fields);
}

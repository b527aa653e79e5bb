/**
 * The core's plain HTTP messages: what an adapter (Express, MSW) hands the core and what it gets back.
 * Nothing here knows a framework or Node: bodies are `Uint8Array`s and text, so the core bundles for the
 * browser (docs/architecture.md#the-core).
 */

/** Header values as Node gives them: lower-case names; a repeated header may be an array. */
export type HeaderMap = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Why an adapter could not read a request body; the core answers it in the right envelope. */
export type BodyProblem =
  | { readonly kind: 'too-large'; readonly limitBytes: number }
  | { readonly kind: 'unsupported-encoding'; readonly message: string }
  | { readonly kind: 'unreadable'; readonly message: string };

export interface CoreRequest {
  /** Upper-case, as on the wire. */
  readonly method: string;
  /** The URL's path as sent (still percent-encoded), from the origin: `/onepin/api/v1/...`. */
  readonly path: string;
  /** The raw query string, without `?` ('' when there is none). */
  readonly query: string;
  readonly headers: HeaderMap;
  /** The body's bytes (content-encoding already undone); undefined when the request has none. */
  readonly body?: Uint8Array | undefined;
  /** Set instead of `body` when the adapter could not read it. */
  readonly bodyProblem?: BodyProblem | undefined;
  /** The peer's address when the adapter knows it (a socket); undefined in the browser. */
  readonly remoteAddress?: string | undefined;
}

/**
 * A response body: JSON or other text, its UTF-8 bytes, or pieces of either to be written one after the
 * other (a large answer the core remembers in parts need not be copied into one buffer; the parts made for
 * one answer stay text, docs/performance.md#no-buffers-made-per-answer).
 */
export type CoreBody = string | Uint8Array | readonly BodyPiece[];

/** A piece of a body: text (sent as UTF-8) or bytes. */
export type BodyPiece = string | Uint8Array;

export interface CoreResponse {
  readonly status: number;
  /** Lower-case names. `content-length` is the adapter's to set. */
  readonly headers: Readonly<Record<string, string>>;
  /** Undefined: no body (204, or a HEAD the adapter strips anyway). */
  readonly body: CoreBody | undefined;
}

/** One header's value as text (a repeated header joined with ", ", as fetch's Headers does). */
export function headerValue(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined || typeof value === 'string') return value;
  return value.join(', ');
}

/** Whether a request carries a body, by its framing headers (as Node's body readers decide: `content-length: 0` is an empty one). */
export function declaresBody(headers: HeaderMap): boolean {
  return headers['transfer-encoding'] !== undefined || headers['content-length'] !== undefined;
}

/** The byte length of a body. */
export function bodyLength(body: CoreBody): number {
  if (typeof body === 'string') return utf8Length(body);
  if (body instanceof Uint8Array) return body.byteLength;
  let length = 0;
  for (const piece of body) length += typeof piece === 'string' ? utf8Length(piece) : piece.byteLength;
  return length;
}

const encoder = new TextEncoder();

/** A body as one `Uint8Array` (pieces copied together): for adapters that cannot write pieces. */
export function bodyBytes(body: CoreBody): Uint8Array {
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  const bytes = new Uint8Array(bodyLength(body));
  let at = 0;
  for (const piece of body) {
    if (typeof piece === 'string') at += encoder.encodeInto(piece, bytes.subarray(at)).written;
    else {
      bytes.set(piece, at);
      at += piece.byteLength;
    }
  }
  return bytes;
}

/** UTF-8 length of a string without encoding it. */
function utf8Length(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) length += 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      length += 2;
      i++;
    } else length += 2;
  }
  return length;
}

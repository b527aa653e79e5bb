/**
 * Reading a request body as the admin API takes it: JSON when the media type says so (strictly an object
 * or an array, an empty body as `{}`, as body-parser reads it), text in UTF-8; anything the adapter could
 * not read, or a charset other than UTF-8, is a BodyError the caller answers in its envelope.
 */
import { headerValue, type CoreRequest } from './http-message.ts';

export class BodyError extends Error {
  constructor(
    readonly kind: 'too-large' | 'malformed' | 'unsupported-media-type' | 'unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/** The request's media type, lower-case without parameters, and its charset if given. */
export function mediaTypeOf(request: CoreRequest): { type: string; charset: string | undefined } | undefined {
  const header = headerValue(request.headers, 'content-type');
  if (header === undefined) return undefined;
  const [type = '', ...parameters] = header.split(';');
  const charset = parameters.map((p) => p.trim()).find((p) => /^charset=/i.test(p))?.slice('charset='.length).replace(/^"|"$/g, '').toLowerCase();
  return { type: type.trim().toLowerCase(), charset };
}

/** The body's text when its media type is one of `types`; undefined when it is not, or there is no body. */
export function bodyText(request: CoreRequest, types: readonly string[]): string | undefined {
  const media = mediaTypeOf(request);
  if (media === undefined || !types.includes(media.type)) return undefined;
  const bytes = bodyBytesOf(request);
  if (bytes === undefined) return undefined;
  if (media.charset !== undefined && !media.charset.startsWith('utf-')) {
    throw new BodyError('unsupported-media-type', `unsupported charset "${media.charset.toUpperCase()}"`);
  }
  return UTF8.decode(bytes);
}

/** The JSON body when the media type is `application/json`; undefined otherwise (no body, another type). */
export function jsonBody(request: CoreRequest): unknown {
  const text = bodyText(request, ['application/json']);
  if (text === undefined) return undefined;
  if (text.length === 0) return {};
  const first = /\S/.exec(text)?.[0];
  if (first !== '{' && first !== '[') throw new BodyError('malformed', strictViolation(text, first));
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BodyError('malformed', (error as Error).message);
  }
}

/** The bytes, or the adapter's reason it has none. */
function bodyBytesOf(request: CoreRequest): Uint8Array | undefined {
  const problem = request.bodyProblem;
  if (problem === undefined) return request.body;
  if (problem.kind === 'too-large') throw new BodyError('too-large', `request entity too large (over ${problem.limitBytes} bytes)`);
  if (problem.kind === 'unsupported-encoding') throw new BodyError('unsupported-media-type', problem.message);
  throw new BodyError('unreadable', problem.message);
}

/** JSON.parse's own words for a body that is JSON but neither an object nor an array. */
function strictViolation(text: string, first: string | undefined): string {
  const index = first === undefined ? -1 : text.indexOf(first);
  const partial = index === -1 ? '' : text.slice(0, index) + '#'.repeat(text.length - index);
  try {
    JSON.parse(partial);
    return 'strict violation';
  } catch (error) {
    return (error as Error).message.replace(/#+/g, (run) => text.slice(index, index + run.length));
  }
}

// A leading byte-order mark is dropped, as body-parser's decoder drops it.
const UTF8 = new TextDecoder();

/**
 * What the fuzzer (harness.ts) and the fuzzed server (host.ts) say to each other, and how Node turns the
 * header lines of a request into `req.headers` (so that a request handed straight to the core carries
 * the headers Express would have seen).
 */
import type { FuzzFixtures } from './arbitraries.ts';

/** A request as it goes on the wire: raw path and query (still percent-encoded), header lines in order. */
export interface WireRequest {
  readonly method: string;
  /** From the origin, mount included, percent-encoded as sent. */
  readonly path: string;
  /** Without `?`; '' when there is none. */
  readonly query: string;
  /** Header lines in order; a name may repeat. `content-length` is added by the sender when there is a body. */
  readonly headers: readonly (readonly [string, string])[];
  /** The bytes on the wire (already content-encoded when a `content-encoding` line says so). */
  readonly body?: Uint8Array | undefined;
}

/** A fingerprint of the server's state: what a failed request must leave unchanged. */
export interface StateDigest {
  readonly scenario: string;
  readonly clock: string;
  /** The rules in force, without their `applied` counters. */
  readonly faults: string;
  readonly live: string;
  readonly counts: string;
  /** src/node/dataset-digest.ts over every record. */
  readonly dataset: string;
  /** Live mode adds runs on a timer: the dataset may change between any two requests. */
  readonly liveEnabled: boolean;
  /** A real clock moves by itself: its instant is not compared. */
  readonly realClock: boolean;
}

export type HostCommand =
  | { readonly op: 'fresh'; readonly force?: boolean }
  | { readonly op: 'handle'; readonly request: WireRequest }
  | { readonly op: 'listen' }
  | { readonly op: 'digest' }
  | { readonly op: 'fixtures' }
  /** How long the server spent on the latest requests with this method and path (the journal's durationMs). */
  | { readonly op: 'took'; readonly method: string; readonly path: string };

export type HostReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'port'; readonly port: number }
  | { readonly kind: 'fixtures'; readonly fixtures: FuzzFixtures }
  | { readonly kind: 'took'; readonly durationMs: number | undefined }
  | { readonly kind: 'digest'; readonly digest: StateDigest; readonly maxLatencyMs: number; readonly logged: readonly string[] }
  | {
      readonly kind: 'exchange';
      /** False when the core passed the request on (a path below no mount). */
      readonly served: boolean;
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: Uint8Array | undefined;
      readonly elapsedMs: number;
      readonly before: StateDigest;
      readonly after: StateDigest;
      /** The fault rule the journal says applied to this request. */
      readonly faultRule: string | null;
      /** The longest latency a fault rule in force may add. */
      readonly maxLatencyMs: number;
      /** What the core logged as unexpected errors while answering. */
      readonly logged: readonly string[];
      /** The core threw instead of answering (Express would answer its own 500). */
      readonly threw?: string;
    };

/** Header names whose repeats Node discards (the first line wins): node:http IncomingMessage. */
const FIRST_WINS = new Set([
  'age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from', 'host', 'if-modified-since',
  'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'proxy-authorization', 'referer', 'retry-after',
  'server', 'user-agent',
]);

/** `req.headers` as Node builds it from these lines: lower-case names, repeats joined, dropped or listed. */
export function nodeHeaders(lines: readonly (readonly [string, string])[]): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [rawName, value] of lines) {
    const name = rawName.toLowerCase();
    const previous = headers[name];
    if (previous === undefined) headers[name] = name === 'set-cookie' ? [value] : value;
    else if (name === 'set-cookie') (previous as string[]).push(value);
    else if (FIRST_WINS.has(name)) continue;
    else headers[name] = `${previous as string}${name === 'cookie' ? '; ' : ', '}${value}`;
  }
  return { ...headers };
}

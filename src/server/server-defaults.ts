/**
 * The server's connection timeouts when not given (milliseconds): `flowmock serve`'s flag defaults and
 * startServer's, from one place. A module of constants alone, so that the command line can show them in
 * `--help` without loading the server.
 */
export const SERVER_DEFAULTS = {
  /** Most time a client may take to send a whole request. */
  requestTimeoutMs: 30_000,
  /** Most time a client may take to send a request's headers (never more than the request timeout). */
  headersTimeoutMs: 10_000,
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: 5_000,
  /** On close (SIGTERM, SIGINT, `close()`), how long requests in flight may take before their connections are cut. */
  drainTimeoutMs: 10_000,
} as const;

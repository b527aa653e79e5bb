/**
 * `startFlowmock(options)`: a flowmock server in the caller's process, on a free port, for tests and
 * scripts (product design: the package's library API). The options are the CLI's `serve` flags camel-cased;
 * the admin API comes back as typed methods that send the real admin requests over HTTP, so each validates
 * and answers exactly as the endpoint does. It installs no signal handlers and prints nothing: the caller
 * owns its process, and `close()` (or `await using`) ends the server (docs/package.md).
 */
import { createControls, type FlowmockControls } from '../core/controls.ts';
import { isClockInstant } from '../domain/clock.ts';
import { parseInstant } from '../lib/instant.ts';
import { useOwnFiles } from '../node/own-files.ts';
import { startServer, StartupError, type ServerOptions } from '../server/start-server.ts';

/**
 * The `serve` flags camel-cased (ServerOptions, each documented there), with two given as a user writes them:
 * `now` also as ISO 8601 text, and `cors` also as the flag's text (`'*'`, `'none'`, comma-separated origins).
 * `port` defaults to 0 (any free port: read it back from `port` or `url`).
 */
export interface StartFlowmockOptions extends Omit<ServerOptions, 'now' | 'cors'> {
  /** Freezes the clock at this instant: ISO 8601 with an offset, or epoch ms. */
  readonly now?: string | number;
  /** Origins that may call the vendor APIs from a page: `'*'`/true (the default), `'none'`/false, or a list. */
  readonly cors?: boolean | string | readonly string[];
}

export interface Flowmock extends FlowmockControls {
  /** Where the server is, e.g. `http://127.0.0.1:41234`; the APIs are below it at /alloy … /multiplai, the admin API at /__mock. */
  readonly url: string;
  readonly port: number;
  /** Stops the server: new connections refused, requests in flight finished, the state file closed. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startFlowmock(options: StartFlowmockOptions = {}): Promise<Flowmock> {
  useOwnFiles();
  const running = await startServer({ ...options, now: instantOf(options.now), cors: corsOf(options.cors) });
  const controls = createControls(async (method, path, body) => {
    const headers: Record<string, string> = {};
    if (options.adminToken !== undefined) headers.authorization = `Bearer ${options.adminToken}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${running.url}/__mock${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, text: await response.text() };
  });
  return { ...controls, url: running.url, port: running.port, close: running.close, [Symbol.asyncDispose]: running.close };
}

function instantOf(now: string | number | undefined): number | undefined {
  if (now === undefined) return undefined;
  const at = typeof now === 'number' ? now : parseInstant(now);
  if (at === undefined || !Number.isFinite(at) || !isClockInstant(at)) {
    throw new StartupError(`invalid now ${JSON.stringify(now)}: give an ISO 8601 date-time with a UTC offset from 1970 to 9999 (e.g. 2026-11-20T12:00:00Z) or epoch milliseconds`, true);
  }
  return at;
}

function corsOf(cors: StartFlowmockOptions['cors']): boolean | readonly string[] | undefined {
  if (typeof cors !== 'string') return cors;
  if (cors === '*') return true;
  if (cors === 'none') return false;
  return cors.split(',').map((origin) => origin.trim()).filter(Boolean);
}

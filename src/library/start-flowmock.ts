/**
 * `startFlowmock(options)`: a flowmock server in the caller's process, on a free port, for tests and
 * scripts (product design: the package's library API). The options are the CLI's `serve` flags camel-cased;
 * the admin API comes back as typed methods that send the real admin requests over HTTP, so each validates
 * and answers exactly as the endpoint does. It installs no signal handlers and prints nothing: the caller
 * owns its process, and `close()` (or `await using`) ends the server (docs/package.md).
 */
import { createControls, type FlowmockControls } from '../core/controls.ts';
import { isClockInstant } from '../domain/clock.ts';
import type { ScenarioDocument } from '../domain/scenario/document.ts';
import type { Logger } from '../core/logger.ts';
import { parseInstant } from '../lib/instant.ts';
import { useOwnFiles } from '../node/own-files.ts';
import { startServer, StartupError } from '../server/start-server.ts';

export interface StartFlowmockOptions {
  /** A shipped scenario's name (default `default`), a path to a .yaml/.json scenario file, or a scenario document. */
  readonly scenario?: string | ScenarioDocument;
  /** Default 0: any free port (read it back from `port` or `url`). */
  readonly port?: number;
  /** Default 127.0.0.1; any other address needs `adminToken`. */
  readonly host?: string;
  /** Freezes the clock at this instant: ISO 8601 with an offset, or epoch ms. */
  readonly now?: string | number;
  /** Demo mode: the real clock, new runs arriving and finishing. */
  readonly live?: boolean;
  /** Live mode's rate: new runs per minute per workspace. */
  readonly liveRate?: number;
  /** Require this bearer token on /__mock (the returned methods send it). */
  readonly adminToken?: string;
  /** Keep admin changes in this file across restarts. */
  readonly stateFile?: string;
  /** Origins that may call the vendor APIs from a page: `'*'`/true (the default), `'none'`/false, or a list. */
  readonly cors?: boolean | string | readonly string[];
  /** Origins of pages that may call the admin API. */
  readonly adminCors?: readonly string[];
  /** Host names the admin API answers on besides localhost and 127.0.0.1. */
  readonly allowedHosts?: readonly string[];
  readonly maxRuns?: number;
  readonly maxEntities?: number;
  readonly requestTimeout?: number;
  readonly headersTimeout?: number;
  readonly keepAliveTimeout?: number;
  /** Where unexpected errors are reported (a pino logger is one); silent by default. */
  readonly logger?: Logger;
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

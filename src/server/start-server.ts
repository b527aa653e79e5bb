/**
 * Starting a flowmock server: the scenario (a name, a path or a document), the state log, the core, the
 * Express app and the HTTP server with its timeouts, listening. What `flowmock serve` and the library's
 * `startFlowmock` share; neither a banner nor signal handlers (the CLI adds those, a library installs none).
 * Every start-up problem is thrown as a StartupError with one line that says what to do, never printed here.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FlowmockCore } from '../core/flowmock-core.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import { isAnyAddress, isLoopback } from '../core/loopback.ts';
import { DEFAULT_SCENARIO_LIMITS, scenarioLimitProblems } from '../core/scenario-limits.ts';
import { MockState } from '../domain/mock-state.ts';
import { runsInWorker } from '../node/runs-in-worker.ts';
import type { ScenarioDocument } from '../domain/scenario/document.ts';
import { ChangeLogBrokenError, ChangeLogError, openChangeLog, type ChangeLog } from '../node/change-log.ts';
import { loadScenarioFile } from '../node/scenario-file.ts';
import { validateScenarioDocument } from '../scenario-files/parse.ts';
import { ScenarioError } from '../scenario-files/scenario-error.ts';
import { createApp } from './app.ts';
import { SERVER_DEFAULTS } from './server-defaults.ts';

export interface ServerOptions {
  /** A shipped scenario's name, a path to a .yaml/.json file, or a scenario document. Default `default`. */
  readonly scenario?: string | ScenarioDocument;
  /** Default 0: any free port. */
  readonly port?: number;
  /** Default 127.0.0.1. Any other address needs `adminToken`. */
  readonly host?: string;
  /** Freezes the clock at this instant (epoch ms). */
  readonly now?: number;
  /** Require this bearer token on /__mock (health aside). */
  readonly adminToken?: string;
  /** Keep admin changes in this file across restarts; an existing file wins over `scenario`. */
  readonly stateFile?: string;
  /** Demo mode: the real clock, new runs arriving. */
  readonly live?: boolean;
  /** Live mode's rate, runs per minute per workspace (default: the scenario's rhythm, at least 6). */
  readonly liveRate?: number;
  /** Origins allowed to call the vendor APIs from a page: true (any, the default), false (none) or a list. */
  readonly cors?: boolean | readonly string[];
  /** Origins of pages that may call the admin API (none by default). */
  readonly adminCors?: readonly string[];
  /** Host names the admin API answers on besides localhost and 127.0.0.1 (a loopback server only). */
  readonly allowedHosts?: readonly string[];
  /** Most runs, and most users and flows, a scenario may hold. */
  readonly maxRuns?: number;
  readonly maxEntities?: number;
  readonly requestTimeout?: number;
  readonly headersTimeout?: number;
  readonly keepAliveTimeout?: number;
  /** How long close() lets requests in flight finish before it cuts their connections, ms. Default 10 s. */
  readonly drainTimeout?: number;
  /** Reports start-up notes, a drain cut short, unexpected errors and (at info) one record per request. */
  readonly logger?: Logger;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly core: FlowmockCore;
  readonly state: MockState;
  readonly server: Server;
  /** How long the scenario took to load and build, ms. */
  readonly loadMs: number;
  /**
   * Set when a state file was read: what it restored, and whether the scenario it holds differs from the one
   * asked for (it wins: the file holds the scenario in force when it was last written).
   */
  readonly restored?: { readonly changes: number; readonly overrides: boolean; readonly requested: string };
  /**
   * Stops taking connections, ends idle ones (and each in-flight one once answered), lets requests in flight
   * finish for at most `drainTimeout` ms, then cuts what is left (said in the log) and closes the state log.
   */
  close(): Promise<void>;
}

/** A start-up problem of ours, said as it is in one line; `usage` when the options asked for it (the CLI exits 2). */
export class StartupError extends Error {
  constructor(message: string, readonly usage = false) {
    super(message);
    this.name = 'StartupError';
  }
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  const logger = options.logger ?? silentLogger;
  const drainTimeout = options.drainTimeout ?? SERVER_DEFAULTS.drainTimeoutMs;
  if (options.live === true && options.now !== undefined) {
    // Live mode runs the real clock from now on: a frozen start would be silently dropped.
    throw new StartupError('--live (live) runs on the real clock and --now (now) freezes it: give one or the other', true);
  }
  if (!isLoopback(host) && options.adminToken === undefined) {
    throw new StartupError(`refusing to bind ${host} without --admin-token (adminToken): the /__mock admin API can change and reset the data. ` +
      'Give an admin token, or bind a loopback address (127.0.0.1, ::1, localhost).', true);
  }
  const limits = { maxRuns: options.maxRuns ?? DEFAULT_SCENARIO_LIMITS.maxRuns, maxEntities: options.maxEntities ?? DEFAULT_SCENARIO_LIMITS.maxEntities };
  const loadStart = performance.now();
  let core: FlowmockCore;
  let log: ChangeLog | undefined;
  let restored: RunningServer['restored'];
  try {
    const requested = typeof options.scenario === 'object'
      ? validateScenarioDocument(structuredClone(options.scenario), 'the scenario option')
      : loadScenarioFile(options.scenario ?? 'default').document;
    // The state log holds the scenario in force and every change since: it wins over the scenario asked for.
    const opened = options.stateFile === undefined
      ? undefined
      : await openChangeLog(options.stateFile, {
        initialScenario: requested,
        validateScenario: (value, origin) => validateScenarioDocument(value, origin),
        // A refused write (a full disk) is undone in memory too: back to what the log holds.
        onWriteFailure: () => core.restore(opened!.log.durable()),
      });
    const document = opened?.scenario ?? requested;
    const tooLarge = scenarioLimitProblems(document, limits);
    if (tooLarge.length > 0) throw new StartupError(`scenario "${document.name}" is too large: ${tooLarge.map((p) => p.message).join('; ')}`);
    const state = new MockState({ scenario: document, now: options.now, runsWriter: runsInWorker() });
    // Demo mode runs on the real clock, whatever the scenario's own now.
    if (options.live) state.clock.useRealTime();
    core = new FlowmockCore(state, {
      adminToken: options.adminToken,
      logger,
      limits,
      adminOrigins: [...(options.adminCors ?? [])],
      // Bound to loopback, the admin API answers loopback names (and the listed hosts) only: DNS rebinding.
      allowedHosts: isLoopback(host) ? [...(options.allowedHosts ?? [])] : undefined,
    });
    if (opened !== undefined) {
      log = opened.log;
      for (const change of opened.changes) core.replay(change);
      const stateLog = log;
      core.persistTo({
        append: (change) => stateLog.append(change).catch((error: unknown) => {
          // A log that could not undo a failed write takes nothing more: memory goes back to what it holds.
          if (error instanceof ChangeLogBrokenError) core.restore(stateLog.durable());
          throw error;
        }),
        reset: (scenario) => stateLog.reset(scenario),
      });
      if (opened.restored) restored = { changes: opened.changes.length, overrides: canonicalJson(document) !== canonicalJson(requested), requested: requested.name };
      if (opened.repaired !== undefined) logger.warn({ repaired: opened.repaired }, 'state file: a torn write at its end was cut off (the last change was never acknowledged)');
      if (opened.migrated !== undefined) logger.info({ migrated: opened.migrated }, 'state file: rewritten in the current format');
    }
  } catch (error) {
    await log?.close();
    throw startupError(error);
  }
  const loadMs = Math.round(performance.now() - loadStart);
  const corsOrigins = options.cors === undefined ? true : typeof options.cors === 'boolean' ? options.cors : [...options.cors];
  const app = createApp(core, { corsOrigins, adminOrigins: [...(options.adminCors ?? [])] });
  if (options.live) core.live.set({ enabled: true, ratePerMinute: options.liveRate ?? null });
  // Node checks the request and headers timeouts every connectionsCheckingInterval (30 s by default):
  // checked each second, a slow client is cut when its time is up, not up to 30 s later.
  const server = createServer({ connectionsCheckingInterval: 1000 }, app);
  const requestTimeout = options.requestTimeout ?? SERVER_DEFAULTS.requestTimeoutMs;
  // A slow client cannot hold a connection (and its memory) for long: Node's defaults allow minutes.
  server.requestTimeout = requestTimeout;
  server.headersTimeout = Math.min(options.headersTimeout ?? SERVER_DEFAULTS.headersTimeoutMs, requestTimeout);
  server.keepAliveTimeout = options.keepAliveTimeout ?? SERVER_DEFAULTS.keepAliveTimeoutMs;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    core.close();
    await log?.close();
    const code = (error as NodeJS.ErrnoException).code;
    const hint = code === 'EADDRINUSE' ? ` (port ${port} is in use: give another port, or 0 for any free one)` : '';
    throw new StartupError(`cannot listen on ${host}:${port}: ${(error as Error).message}${hint}`);
  }
  const bound = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const close = () => closing ??= (async () => {
    core.close();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Idle keep-alive connections would hold close() open until they time out: end them now, and each
    // connection answering a request as soon as it is answered (a keep-alive client would send another).
    server.closeIdleConnections();
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<true>((resolve) => { timer = setTimeout(() => resolve(true), drainTimeout); });
    const cut = await Promise.race([closed.then(() => false), timedOut]);
    clearInterval(sweep);
    clearTimeout(timer);
    if (cut) {
      const open = await new Promise<number>((resolve) => server.getConnections((error, count) => resolve(error ? 0 : count)));
      logger.warn({ drainTimeoutMs: drainTimeout, connections: open }, `drain: requests still in flight after ${drainTimeout} ms; cutting ${open} connection(s)`);
      server.closeAllConnections();
      await closed;
    }
    await log?.close();
  })();
  return { url: `http://${urlHost(host)}:${bound}`, port: bound, host, core, state: core.state, server, loadMs, ...(restored === undefined ? {} : { restored }), close };
}

/** JSON with keys in order: two documents that say the same thing give the same text. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => (inner !== null && typeof inner === 'object' && !Array.isArray(inner)
    ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : inner));
}

/** The host as a URL says it: IPv6 in brackets; an any-address bind is reached at loopback. */
function urlHost(host: string): string {
  if (isAnyAddress(host)) return host === '::' ? '[::1]' : '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function startupError(error: unknown): Error {
  if (error instanceof StartupError || error instanceof ScenarioError || error instanceof ChangeLogError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const wrapped = new StartupError(`cannot start: ${message}${code === 'EACCES' || code === 'EROFS' ? ' (check the permissions of the state file and its directory)' : ''}`);
  wrapped.cause = error;
  return wrapped;
}

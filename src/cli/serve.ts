/** `flowmock serve`: load a scenario, serve it, print where each API is and a token that works. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { API_NAMES, mountPath } from '../apis.ts';
import { FlowmockCore } from '../core/flowmock-core.ts';
import { errorDetails } from '../core/logger.ts';
import { scenarioLimitProblems } from '../core/scenario-limits.ts';
import { MockState } from '../domain/mock-state.ts';
import { ChangeLogBrokenError, ChangeLogError, openChangeLog, type ChangeLog } from '../node/change-log.ts';
import { loadScenarioFile } from '../node/scenario-file.ts';
import { validateScenarioDocument } from '../scenario-files/parse.ts';
import { ScenarioError } from '../scenario-files/scenario-error.ts';
import { createApp } from '../server/app.ts';
import { isLoopback } from '../core/loopback.ts';
import { VERSION } from '../version.ts';

export interface ServeOptions {
  readonly scenario: string;
  readonly port: number;
  readonly host: string;
  readonly now?: number;
  readonly adminToken?: string;
  readonly stateFile?: string;
  readonly live?: boolean;
  readonly cors: string;
  readonly adminCors?: string;
  readonly allowedHosts?: string;
  readonly logLevel: string;
  readonly maxRuns: number;
  readonly maxEntities: number;
  readonly requestTimeout: number;
  readonly headersTimeout: number;
  readonly keepAliveTimeout: number;
}

export async function serveCommand(options: ServeOptions): Promise<void> {
  const logger = pino({ level: options.logLevel }, pino.destination(2));
  if (!isLoopback(options.host) && options.adminToken === undefined) {
    process.stderr.write(
      `error: refusing to bind ${options.host} without --admin-token: the /__mock admin API can change and reset the data.\n` +
        '       Give --admin-token <secret>, or bind a loopback address (127.0.0.1, ::1, localhost).\n',
    );
    process.exit(2);
  }
  let state: MockState;
  let core: FlowmockCore;
  let log: ChangeLog | undefined;
  const loadStart = performance.now();
  try {
    const requested = loadScenarioFile(options.scenario).document;
    // The state log holds the scenario in force and every change since: it wins over --scenario.
    const opened = options.stateFile === undefined
      ? undefined
      : await openChangeLog(options.stateFile, {
        initialScenario: requested,
        validateScenario: (value, origin) => validateScenarioDocument(value, origin),
        // A refused write (a full disk) is undone in memory too: back to what the log holds.
        onWriteFailure: () => core.restore(opened!.log.durable()),
      });
    const document = opened?.scenario ?? requested;
    const limits = { maxRuns: options.maxRuns, maxEntities: options.maxEntities };
    const tooLarge = scenarioLimitProblems(document, limits);
    if (tooLarge.length > 0) throw new StartupError(`scenario "${document.name}" is too large: ${tooLarge.map((p) => p.message).join('; ')}`);
    state = new MockState({ scenario: document, now: options.now });
    // Demo mode runs on the real clock, whatever the scenario's own now.
    if (options.live) state.clock.useRealTime();
    core = new FlowmockCore(state, {
      adminToken: options.adminToken,
      logger,
      limits,
      adminOrigins: list(options.adminCors),
      // Bound to loopback, the admin API answers loopback names (and the listed hosts) only: DNS rebinding.
      allowedHosts: isLoopback(options.host) ? list(options.allowedHosts) : undefined,
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
      if (opened.restored) {
        process.stdout.write(`state file ${options.stateFile}: restored scenario "${document.name}" and ${opened.changes.length} change(s)${document.name === requested.name ? '' : ` (it wins over --scenario ${options.scenario})`}\n`);
      }
      if (opened.repaired !== undefined) logger.warn({ repaired: opened.repaired }, 'state file: a torn write at its end was cut off (the last change was never acknowledged)');
      if (opened.migrated !== undefined) logger.info({ migrated: opened.migrated }, 'state file: rewritten in the current format');
    }
  } catch (error) {
    // A start-up failure is one clear line (its stack only at --log-level debug), never a trace.
    if (!(error instanceof ScenarioError || error instanceof ChangeLogError || error instanceof StartupError)) logger.debug({ err: errorDetails(error) }, 'start-up failed');
    process.stderr.write(`error: ${startupMessage(error)}\n`);
    process.exit(1);
  }
  const loadMs = Math.round(performance.now() - loadStart);
  const corsOrigins = options.cors === '*' ? true : options.cors === 'none' ? false : options.cors.split(',').map((o) => o.trim()).filter(Boolean);
  const app = createApp(core, { corsOrigins, adminOrigins: list(options.adminCors) });
  if (options.live) core.live.set({ enabled: true, ratePerMinute: null });
  // Node checks the request and headers timeouts every connectionsCheckingInterval (30 s by default):
  // checked each second, a slow client is cut when its time is up, not up to 30 s later.
  const server = createServer({ connectionsCheckingInterval: 1000 }, app).listen(options.port, options.host);
  // A slow client cannot hold a connection (and its memory) for long: Node's defaults allow minutes.
  server.requestTimeout = options.requestTimeout;
  server.headersTimeout = Math.min(options.headersTimeout, options.requestTimeout);
  server.keepAliveTimeout = options.keepAliveTimeout;
  server.on('error', (error: NodeJS.ErrnoException) => {
    const hint = error.code === 'EADDRINUSE' ? ` (port ${options.port} is in use: give another with --port)` : '';
    process.stderr.write(`error: cannot listen on ${options.host}:${options.port}: ${error.message}${hint}\n`);
    process.exit(1);
  });
  server.on('listening', () => {
    const { port } = server.address() as AddressInfo;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    const base = `http://${host}:${port}`;
    const counts = state.dataset.counts();
    const first = state.dataset.workspaces().next().value;
    const lines = [
      `flowmock ${VERSION}: scenario "${state.scenario.name}" (${counts.workspaces} workspaces, ${counts.flows} flows, ${counts.runs} runs) loaded in ${loadMs} ms`,
      `clock: ${state.clock.mode} at ${new Date(state.clock.now()).toISOString()}${options.live ? ' (live: new runs keep arriving)' : ''}`,
      ...API_NAMES.map((api) => `  ${api.padEnd(10)} ${base}${mountPath(api)}`),
      `  ${'admin'.padEnd(10)} ${base}/__mock  (fixtures: ${base}/__mock/fixtures)`,
      first === undefined
        ? 'no workspace: this scenario has no token'
        : `token: ${first.workspace.tokens[0]}  (Authorization: Bearer <token>; workspace "${first.workspace.name}" ${first.workspace.id})`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    logger.debug({ port }, 'listening');
  });
  const stop = () => server.close(() => void (log?.close() ?? Promise.resolve()).finally(() => process.exit(0)));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** A comma-separated option as its entries. */
function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

/** A start-up problem of ours, said as it is. */
class StartupError extends Error {}

/** One line for a start-up failure: ours as they are; anything else by its message, with what to check. */
function startupMessage(error: unknown): string {
  if (error instanceof ScenarioError || error instanceof ChangeLogError || error instanceof StartupError) return error.message;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return `cannot start: ${message}${code === 'EACCES' || code === 'EROFS' ? ' (check the permissions of the state file and its directory)' : ''}`;
}

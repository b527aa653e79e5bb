/**
 * `flowmock serve`: load a scenario, serve it, print where each API is and a token that works, then one
 * machine-readable line (`flowmock listening {"url",…}`); stop cleanly on SIGTERM or SIGINT however it was
 * started (docs/operations.md).
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import type { Command } from 'commander';
import type { Logger as PinoLogger } from 'pino';
import { API_NAMES, mountPath } from '../apis.ts';
import { errorDetails } from '../core/logger.ts';
import { isAnyAddress, isLoopback } from '../core/loopback.ts';
import { ChangeLogError } from '../node/change-log.ts';
import { boundHeapGrowth } from '../node/heap-growth.ts';
import { ScenarioError } from '../scenario-files/scenario-error.ts';
import { createServerLog, type LogFormat, type LogLevel } from '../server/request-log.ts';
import { startServer, StartupError, type RunningServer } from '../server/start-server.ts';
import { VERSION } from '../version.ts';
import { givenAs, readBooleanVariables } from './serve-environment.ts';

export interface ServeOptions {
  readonly scenario: string;
  readonly port: number;
  readonly host: string;
  readonly now?: number;
  readonly adminToken?: string;
  readonly stateFile?: string;
  readonly live?: boolean;
  readonly liveRate?: number;
  readonly cors: string;
  readonly adminCors?: string;
  readonly allowedHosts?: string;
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
  readonly maxRuns: number;
  readonly maxEntities: number;
  readonly requestTimeout: number;
  readonly headersTimeout: number;
  readonly keepAliveTimeout: number;
  readonly drainTimeout: number;
  readonly readyFile?: string;
}

/** What scripts read: the prefix of the one line on stdout that says where the server listens. */
export const READY_PREFIX = 'flowmock listening ';

export async function serveCommand(given: ServeOptions, command?: Command): Promise<void> {
  const options = { ...given } as ServeOptions & Record<string, unknown>;
  if (command !== undefined) readBooleanVariables(command, options);
  const name = (key: string) => (command === undefined ? `--${key}` : givenAs(command, key));
  if (options.live === true && options.now !== undefined) {
    const live = command?.getOptionValueSource('live') === 'implied' ? `${name('liveRate')} (which implies --live)` : name('live');
    usage(`${live} runs on the real clock and ${name('now')} freezes it: give one or the other`);
  }
  // A ready file left by a server that died must not tell a waiting script this one is up.
  if (options.readyFile !== undefined) await rm(options.readyFile, { force: true });
  const logger = await createServerLog({ level: options.logLevel, format: options.logFormat });
  let running: RunningServer;
  try {
    running = await startServer({
      scenario: options.scenario,
      port: options.port,
      host: options.host,
      now: options.now,
      adminToken: options.adminToken,
      stateFile: options.stateFile,
      live: options.live,
      liveRate: options.liveRate,
      cors: options.cors === '*' ? true : options.cors === 'none' ? false : list(options.cors),
      adminCors: list(options.adminCors),
      allowedHosts: list(options.allowedHosts),
      maxRuns: options.maxRuns,
      maxEntities: options.maxEntities,
      requestTimeout: options.requestTimeout,
      headersTimeout: options.headersTimeout,
      keepAliveTimeout: options.keepAliveTimeout,
      drainTimeout: options.drainTimeout,
      logger,
    });
  } catch (error) {
    // A start-up failure is one clear line (its stack only at --log-level debug), never a trace.
    const known = error instanceof ScenarioError || error instanceof ChangeLogError || error instanceof StartupError;
    if (!known || error.cause !== undefined) logger.debug({ err: errorDetails(error instanceof Error && error.cause !== undefined ? error.cause : error) }, 'start-up failed');
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    // Options that cannot work together are bad usage (2); anything else failed to start (1).
    return exitOnceFlushed(logger, error instanceof StartupError && error.usage ? 2 : 1);
  }
  // A large dataset: garbage under load is collected sooner (src/node/heap-growth.ts).
  const heapFlag = boundHeapGrowth(running.state.dataset.counts().runs);
  if (heapFlag !== undefined) logger.debug({ v8: heapFlag }, 'large dataset: heap growth bounded');
  const stop = stopper(running, logger, options.readyFile, options.drainTimeout);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  watchNpmParent(stop, logger);

  process.stdout.write(banner(running, options, name).join('\n') + '\n');
  if (running.restored?.overrides === true) {
    logger.warn({ stateFile: options.stateFile, restored: running.state.scenario.name, requested: running.restored.requested }, 'the state file wins over --scenario');
  }
  const ready = { url: running.url, port: running.port, host: running.host, pid: process.pid };
  if (options.readyFile !== undefined) await writeAtomically(options.readyFile, JSON.stringify(ready) + '\n');
  // Last, once everything is in place: a script that waits for this line can start.
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(ready)}\n`);
}

/** What a person reads: where each API is, a token that works, and what the state file did. */
function banner(running: RunningServer, options: ServeOptions, name: (key: string) => string): string[] {
  const { state, url: base } = running;
  const counts = state.dataset.counts();
  const first = state.dataset.workspaces().next().value;
  const lines: string[] = [];
  if (running.restored !== undefined) {
    const restored = `state file ${options.stateFile}: restored scenario "${state.scenario.name}" and ${running.restored.changes} change(s)`;
    lines.push(running.restored.overrides
      ? `warning: ${restored}; it wins over ${name('scenario')} ${options.scenario} ("${running.restored.requested}"), which is not loaded. Delete ${options.stateFile} (and ${options.stateFile}.log) to start from ${options.scenario}.`
      : `${restored} (an existing state file wins over ${name('scenario')})`);
  }
  lines.push(
    `flowmock ${VERSION}: scenario "${state.scenario.name}" (${counts.workspaces} workspaces, ${counts.flows} flows, ${counts.runs} runs) loaded in ${running.loadMs} ms`,
    `clock: ${state.clock.mode} at ${new Date(state.clock.now()).toISOString()}${options.live ? ' (live: new runs keep arriving)' : ''}`,
  );
  if (!isLoopback(running.host)) lines.push(...everyInterface(running));
  lines.push(
    ...API_NAMES.map((api) => `  ${api.padEnd(10)} ${base}${mountPath(api)}`),
    `  ${'admin'.padEnd(10)} ${base}/__mock  (fixtures: ${base}/__mock/fixtures; health needs no token)`,
    `  ${'dashboard'.padEnd(10)} ${base}/  (API reference: ${base}/__mock/docs)`,
    first === undefined
      ? 'no workspace: this scenario has no token'
      : `token: ${first.workspace.tokens[0]}  (Authorization: Bearer <token>; workspace "${first.workspace.name}" ${first.workspace.id})`,
  );
  return lines;
}

/** Bound to every interface (0.0.0.0, ::) or another address: say so, and give URLs a person can open. */
function everyInterface({ host, port }: RunningServer): string[] {
  if (!isAnyAddress(host)) return [`listening on ${host} port ${port} (not loopback: the admin API needs the admin token)`];
  const others = Object.values(networkInterfaces()).flat()
    .filter((address) => address !== undefined && !address.internal && address.family === 'IPv4')
    .map((address) => `http://${address!.address}:${port}`);
  return [
    `listening on all interfaces (${host === '' ? '0.0.0.0' : host}) port ${port}: on this machine open http://127.0.0.1:${port} or http://localhost:${port}` +
      (others.length === 0 ? '' : `; from another, ${others.slice(0, 3).join(' or ')}`),
  ];
}

/**
 * The stop on SIGTERM/SIGINT (or npm's shell going away): drain (at most --drain-timeout; the server cuts
 * what is left and says so), remove the ready file, exit 0. A second signal meanwhile exits at once, unless
 * it comes within half a second of the first: that is the same Ctrl-C delivered twice (by the terminal to
 * the whole process group, and again by npm, which forwards it to a script that `exec`s flowmock).
 */
function stopper(running: RunningServer, logger: PinoLogger, readyFile: string | undefined, drainTimeout: number): (signal: NodeJS.Signals | 'parent-exit') => void {
  let stopping = false;
  let stoppedAt = 0;
  return (signal) => {
    if (stopping) {
      if (signal === 'parent-exit' || performance.now() - stoppedAt < SAME_SIGNAL_MS) return;
      logger.warn({ signal }, `${signal} again while draining: exiting now`);
      return exit(128 + signalNumber(signal));
    }
    stopping = true;
    stoppedAt = performance.now();
    logger.info({ signal }, signal === 'parent-exit' ? 'npm (which started flowmock) went away: stopping' : `${signal}: stopping (requests in flight may finish)`);
    // A last resort should closing itself hang (a state log that cannot close): the drain has its own bound.
    setTimeout(() => {
      logger.error({}, 'could not stop cleanly in time: exiting');
      exit(1);
    }, drainTimeout + 5000).unref();
    running.close().then(
      () => {
        logger.info({}, 'stopped');
        exit(0);
      },
      (error: unknown) => {
        logger.error({ err: errorDetails(error) }, 'stopping failed');
        exit(1);
      },
    );
  };

  function exit(code: number): void {
    if (readyFile !== undefined) rmSync(readyFile, { force: true });
    exitOnceFlushed(logger, code);
  }
}

/**
 * Exits once the log lines written so far are out, in order (they are written asynchronously; a flush at
 * exit could pass a line still being written), or after half a second whatever happens.
 */
function exitOnceFlushed(logger: PinoLogger, code: number): void {
  let exited = false;
  const exit = () => {
    if (exited) return;
    exited = true;
    process.exit(code);
  };
  setTimeout(exit, 500);
  logger.flush(exit);
}

/**
 * Started by npm (`npm start`, `npm run`, `npx`), flowmock's parent is the shell npm ran the script in
 * (`sh -c`). npm forwards SIGTERM and SIGINT to that shell only, and the shell dies of them without
 * passing them on: flowmock would be left running, holding its port. So when that parent goes away (we
 * are re-parented), flowmock stops as if it had been sent SIGTERM.
 */
function watchNpmParent(stop: (signal: 'parent-exit') => void, logger: PinoLogger): void {
  if (process.env.npm_lifecycle_event === undefined) return;
  const parent = process.ppid;
  logger.debug({ parent }, 'started by npm: stopping when its shell goes away');
  setInterval(() => {
    if (process.ppid !== parent) stop('parent-exit');
  }, 250).unref();
}

/** A repeat of the stop signal within this time is the same one delivered twice, not a second request. */
const SAME_SIGNAL_MS = 500;

function signalNumber(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1;
}

/** The whole file or none of it: written beside, then renamed over. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

function usage(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

/** A comma-separated option as its entries. */
function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

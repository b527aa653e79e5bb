/** `flowmock serve`: load a scenario, serve it, print where each API is and a token that works. */
import { pino } from 'pino';
import { API_NAMES, mountPath } from '../apis.ts';
import { errorDetails } from '../core/logger.ts';
import { ChangeLogError } from '../node/change-log.ts';
import { ScenarioError } from '../scenario-files/scenario-error.ts';
import { startServer, StartupError, type RunningServer } from '../server/start-server.ts';
import { VERSION } from '../version.ts';

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
  readonly logLevel: string;
  readonly maxRuns: number;
  readonly maxEntities: number;
  readonly requestTimeout: number;
  readonly headersTimeout: number;
  readonly keepAliveTimeout: number;
}

export async function serveCommand(options: ServeOptions): Promise<void> {
  const logger = pino({ level: options.logLevel }, pino.destination(2));
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
      logger,
    });
  } catch (error) {
    // A start-up failure is one clear line (its stack only at --log-level debug), never a trace.
    const known = error instanceof ScenarioError || error instanceof ChangeLogError || error instanceof StartupError;
    if (!known || error.cause !== undefined) logger.debug({ err: errorDetails(error instanceof Error && error.cause !== undefined ? error.cause : error) }, 'start-up failed');
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    // Options that cannot work together are bad usage (2); anything else failed to start (1).
    process.exit(error instanceof StartupError && error.usage ? 2 : 1);
  }
  const { state, url: base } = running;
  if (running.restored !== undefined) {
    process.stdout.write(`state file ${options.stateFile}: restored scenario "${state.scenario.name}" and ${running.restored.changes} change(s)${running.restored.overrides ? ` (it wins over --scenario ${options.scenario})` : ''}\n`);
  }
  const counts = state.dataset.counts();
  const first = state.dataset.workspaces().next().value;
  const lines = [
    `flowmock ${VERSION}: scenario "${state.scenario.name}" (${counts.workspaces} workspaces, ${counts.flows} flows, ${counts.runs} runs) loaded in ${running.loadMs} ms`,
    `clock: ${state.clock.mode} at ${new Date(state.clock.now()).toISOString()}${options.live ? ' (live: new runs keep arriving)' : ''}`,
    ...API_NAMES.map((api) => `  ${api.padEnd(10)} ${base}${mountPath(api)}`),
    `  ${'admin'.padEnd(10)} ${base}/__mock  (fixtures: ${base}/__mock/fixtures)`,
    first === undefined
      ? 'no workspace: this scenario has no token'
      : `token: ${first.workspace.tokens[0]}  (Authorization: Bearer <token>; workspace "${first.workspace.name}" ${first.workspace.id})`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  logger.debug({ port: running.port }, 'listening');
  const stop = () => void running.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** A comma-separated option as its entries. */
function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

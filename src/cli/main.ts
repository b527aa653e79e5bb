/**
 * `flowmock` command line. Exit codes: 0 success, 1 failure (a bad scenario, a port in use),
 * 2 bad usage (docs/architecture.md#the-command-line).
 */
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_SCENARIO_LIMITS } from '../core/scenario-limits.ts';
import { SERVER_DEFAULTS } from '../server/server-defaults.ts';
import { VERSION } from '../version.ts';
import { addContractCommand } from './contract.ts';
import { addExportCommand } from './export.ts';
import type { ServeOptions } from './serve.ts';
import { sayWhichVariable } from './serve-environment.ts';
import { parseNow } from './flags.ts';

// Each command loads its modules when it runs: `--version` and `--help` start without the server or the suite.
async function withOwnFiles(): Promise<void> {
  (await import('../node/own-files.ts')).useOwnFiles();
}

const program = new Command()
  .name('flowmock')
  .description('Mock server and contract-testing kit for five workflow-run analytics APIs')
  .version(VERSION)
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text) });

program
  .command('serve')
  .description('serve the five APIs and the /__mock admin API from one scenario')
  // Every option also as FLOWMOCK_<FLAG> (a flag wins): test/cli/env.test.ts holds each to it.
  .addOption(new Option('-s, --scenario <name|path>', 'a shipped scenario name (scenarios/) or a path to a .yaml/.json file').default('default').env('FLOWMOCK_SCENARIO'))
  .addOption(new Option('-p, --port <port>', 'port to listen on (0: any free port)').argParser(parsePort).default(4010).env('FLOWMOCK_PORT'))
  .addOption(new Option('-H, --host <host>', 'address to bind (0.0.0.0 or ::: every interface, needs --admin-token)').default('127.0.0.1').env('FLOWMOCK_HOST'))
  .addOption(new Option('--now <iso>', "freeze the clock at this instant (overrides the scenario's now; not with --live)").argParser(parseNow).env('FLOWMOCK_NOW'))
  .addOption(new Option('--admin-token <token>', 'require this bearer token on /__mock, health aside (required when --host is not loopback)').env('FLOWMOCK_ADMIN_TOKEN'))
  .addOption(new Option('--cors <origins>', 'origins allowed to call the vendor APIs from a browser: "*" (any), "none", or a comma-separated list').default('*').env('FLOWMOCK_CORS'))
  .addOption(new Option('--admin-cors <origins>', 'origins of pages allowed to call the admin API (/__mock), comma-separated; none by default').env('FLOWMOCK_ADMIN_CORS'))
  .addOption(new Option('--allowed-hosts <hosts>', 'host names the admin API answers on a loopback server besides localhost and 127.0.0.1 (forwarded ports, dev host names), comma-separated; ".example.test" allows its subdomains').env('FLOWMOCK_ALLOWED_HOSTS'))
  .addOption(new Option('--live', 'demo mode: real clock, new runs keep arriving in the scenario\'s rhythm and finish on time (FLOWMOCK_LIVE=true|false)').env('FLOWMOCK_LIVE'))
  .addOption(new Option('--live-rate <runs-per-minute>', 'live mode\'s new runs per minute per workspace on average, at any hour (implies --live; default: at least 6, more when the scenario is busier)').argParser((value: string) => { const rate = Number(value); if (!(value.trim() !== '' && rate > 0 && rate <= 6000)) throw new CommanderError(2, 'flowmock.live-rate', `invalid --live-rate "${value}": give runs per minute per workspace, more than 0 and at most 6000`); return rate; }).implies({ live: true }).env('FLOWMOCK_LIVE_RATE'))
  .addOption(new Option('--state-file <path>', 'keep admin changes (runs, clock, faults, scenario) in this file across restarts; an existing file wins over --scenario').env('FLOWMOCK_STATE_FILE'))
  .addOption(new Option('--max-runs <n>', 'most runs a scenario may hold, explicit and generated, at start-up and through PUT /__mock/scenario').argParser(parseCount('--max-runs')).default(DEFAULT_SCENARIO_LIMITS.maxRuns).env('FLOWMOCK_MAX_RUNS'))
  .addOption(new Option('--max-entities <n>', 'most users and flows a scenario may hold').argParser(parseCount('--max-entities')).default(DEFAULT_SCENARIO_LIMITS.maxEntities).env('FLOWMOCK_MAX_ENTITIES'))
  .addOption(new Option('--request-timeout <ms>', 'most time a client may take to send a whole request (headers and body)').argParser(parseCount('--request-timeout')).default(SERVER_DEFAULTS.requestTimeoutMs).env('FLOWMOCK_REQUEST_TIMEOUT'))
  .addOption(new Option('--headers-timeout <ms>', 'most time a client may take to send a request\'s headers').argParser(parseCount('--headers-timeout')).default(SERVER_DEFAULTS.headersTimeoutMs).env('FLOWMOCK_HEADERS_TIMEOUT'))
  .addOption(new Option('--keep-alive-timeout <ms>', 'how long an idle keep-alive connection stays open').argParser(parseCount('--keep-alive-timeout')).default(SERVER_DEFAULTS.keepAliveTimeoutMs).env('FLOWMOCK_KEEP_ALIVE_TIMEOUT'))
  .addOption(new Option('--drain-timeout <ms>', 'on SIGTERM/SIGINT, how long requests in flight may take to finish before their connections are cut').argParser(parseCount('--drain-timeout')).default(SERVER_DEFAULTS.drainTimeoutMs).env('FLOWMOCK_DRAIN_TIMEOUT'))
  .addOption(new Option('--ready-file <path>', 'once listening, write {url, port, host, pid} as JSON to this file (removed on exit)').env('FLOWMOCK_READY_FILE'))
  .addOption(new Option('--log-level <level>', 'log level: info logs every request, warn and above only problems').choices(['fatal', 'error', 'warn', 'info', 'debug']).default('info').env('FLOWMOCK_LOG_LEVEL'))
  .addOption(new Option('--log-format <format>', 'logs (on stderr) as JSON lines or pretty text; auto: pretty on a terminal').choices(['auto', 'pretty', 'json']).default('auto').env('FLOWMOCK_LOG_FORMAT'))
  .action(async (options: ServeOptions, command: Command) => {
    await withOwnFiles();
    await (await import('./serve.ts')).serveCommand(options, command);
  });

addContractCommand(program);
addExportCommand(program);

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CommanderError(2, 'flowmock.port', `invalid --port "${value}": give an integer from 0 to 65535`);
  return port;
}

function parseCount(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1) throw new CommanderError(2, 'flowmock.count', `invalid ${flag} "${value}": give a whole number of at least 1`);
    return n;
  };
}


// No top-level await: the command line is bundled as CommonJS, so that it can be compiled from V8's code
// cache (docs/package.md#start-up).
program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') process.exit(0);
    if (error.code.startsWith('flowmock.')) process.stderr.write(`error: ${sayWhichVariable(error.message, program)}\n`);
    process.exit(2);
  }
  // Thrown outside the promise: an uncaught exception ends the process with 1 whatever --unhandled-rejections says.
  setImmediate(() => {
    throw error;
  });
});

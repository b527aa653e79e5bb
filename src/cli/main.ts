/**
 * `flowmock` command line. Exit codes: 0 success, 1 failure (a bad scenario, a port in use),
 * 2 bad usage (docs/architecture.md#the-command-line).
 */
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_SCENARIO_LIMITS } from '../core/scenario-limits.ts';
import { isClockInstant } from '../domain/clock.ts';
import { parseInstant } from '../lib/instant.ts';
import { VERSION } from '../version.ts';
import { addContractCommand } from './contract.ts';
import { addExportCommand } from './export.ts';
import type { ServeOptions } from './serve.ts';

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
  .option('-s, --scenario <name|path>', 'a shipped scenario name (scenarios/) or a path to a .yaml/.json file', 'default')
  .option('-p, --port <port>', 'port to listen on (0: any free port)', parsePort, 4010)
  .option('-H, --host <host>', 'address to bind', '127.0.0.1')
  .option('--now <iso>', "freeze the clock at this instant (overrides the scenario's now)", parseNow)
  .option('--admin-token <token>', 'require this bearer token on /__mock (required when --host is not loopback)')
  .option('--cors <origins>', 'origins allowed to call the vendor APIs from a browser: "*" (any), "none", or a comma-separated list', '*')
  .option('--admin-cors <origins>', 'origins of pages allowed to call the admin API (/__mock), comma-separated; none by default')
  .addOption(new Option('--allowed-hosts <hosts>', 'host names the admin API answers on a loopback server besides localhost and 127.0.0.1 (forwarded ports, dev host names), comma-separated; ".example.test" allows its subdomains').env('FLOWMOCK_ALLOWED_HOSTS'))
  .option('--live', 'demo mode: real clock, new runs keep arriving in the scenario\'s rhythm and finish on time')
  .addOption(new Option('--live-rate <runs-per-minute>', 'live mode\'s new runs per minute per workspace on average, at any hour (implies --live; default: at least 6, more when the scenario is busier)').argParser((value: string) => { const rate = Number(value); if (!(value.trim() !== '' && rate > 0 && rate <= 6000)) throw new CommanderError(2, 'flowmock.live-rate', `invalid --live-rate "${value}": give runs per minute per workspace, more than 0 and at most 6000`); return rate; }).implies({ live: true }).env('FLOWMOCK_LIVE_RATE'))
  .option('--state-file <path>', 'keep admin changes (runs, clock, faults, scenario) in this file across restarts')
  .option('--max-runs <n>', 'most runs a scenario may hold, explicit and generated, at start-up and through PUT /__mock/scenario', parseCount('--max-runs'), DEFAULT_SCENARIO_LIMITS.maxRuns)
  .option('--max-entities <n>', 'most users and flows a scenario may hold', parseCount('--max-entities'), DEFAULT_SCENARIO_LIMITS.maxEntities)
  .option('--request-timeout <ms>', 'most time a client may take to send a whole request (headers and body)', parseCount('--request-timeout'), 30_000)
  .option('--headers-timeout <ms>', 'most time a client may take to send a request\'s headers', parseCount('--headers-timeout'), 10_000)
  .option('--keep-alive-timeout <ms>', 'how long an idle keep-alive connection stays open', parseCount('--keep-alive-timeout'), 5_000)
  .addOption(new Option('--log-level <level>', 'log level').choices(['fatal', 'error', 'warn', 'info', 'debug']).default('info'))
  .action(async (options: ServeOptions) => {
    await withOwnFiles();
    await (await import('./serve.ts')).serveCommand(options);
  });

addContractCommand(program);
addExportCommand(program);

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CommanderError(2, 'flowmock.port', `invalid port "${value}": give an integer from 0 to 65535`);
  return port;
}

function parseCount(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1) throw new CommanderError(2, 'flowmock.count', `invalid ${flag} "${value}": give a whole number of at least 1`);
    return n;
  };
}

function parseNow(value: string): number {
  const at = parseInstant(value);
  if (at === undefined || !isClockInstant(at)) {
    throw new CommanderError(2, 'flowmock.now', `invalid --now "${value}": give an ISO 8601 date-time with a UTC offset from 1970 to 9999, e.g. 2026-11-20T12:00:00Z`);
  }
  return at;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') process.exit(0);
    if (error.code.startsWith('flowmock.')) process.stderr.write(`error: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

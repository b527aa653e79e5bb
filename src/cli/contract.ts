/**
 * `flowmock contract`: the contract suite against a live target, as a thin wrapper of the library's
 * `runContract` (src/contract/run-contract.ts). It prints the console report on stdout and why a run could
 * not start or finish on stderr, and sets the exit code: 0 when every check holds, 1 on any violation, 2 on
 * bad usage or a target unreachable or no longer answering (docs/contract-suite.md#exit-codes).
 */
import { Command, CommanderError } from 'commander';
import type { ContractOptions } from '../contract/options.ts';

interface Flags {
  readonly baseUrl: string;
  readonly api?: string;
  readonly token?: string;
  readonly header: string[];
  readonly fixtures?: string;
  readonly report?: string;
  readonly viaPrism?: boolean;
  readonly stateful: boolean;
  /** false with --no-oracle. */
  readonly oracle: boolean;
  readonly seed?: number;
  readonly maxExamples?: number;
  readonly scenario?: string;
  readonly now?: string;
  readonly maxResponseTime?: number;
  readonly check?: string;
  readonly adminToken?: string;
  readonly baseline?: string;
  readonly requireCoverage?: boolean;
  readonly deadline: number;
  readonly requestTimeout: number;
  readonly maxBodyBytes: number;
}

export function addContractCommand(program: Command): Command {
  return program
    .command('contract')
    .description('verify a live implementation of the five APIs against the specs and their documented semantics')
    .requiredOption('--base-url <url>', 'where the target is (a flowmock server needs nothing else)')
    .option('--api <names>', 'comma-separated APIs to check (default: all five)')
    .option('--token <token>', 'bearer token to call the APIs with (replaces the first fixture workspace\'s)')
    .option('--header <header>', 'extra header for every request, "Name: value" (repeatable)', (value: string, all: string[]) => [...all, value], [] as string[])
    .option('--fixtures <file>', 'workspaces, tokens, users and flow ids to use (shape of GET /__mock/fixtures); default: the target\'s /__mock/fixtures')
    .option('--admin-token <token>', 'bearer token for the target\'s admin API (/__mock), when it needs one')
    .option('--report <reports>', 'also write reports: junit=PATH,json=PATH,html=PATH, and baseline=PATH (this run\'s violations, for --baseline)')
    .option('--baseline <file>', 'accept the violations of this baseline file (written by --report baseline=PATH): fail only on new ones')
    .option('--check <checks>', 'opt-in checks, comma-separated: cors, unsupported-method')
    .option('--require-coverage', 'fail unless every documented 2xx and 4xx status was produced (5xx is reported only)')
    .option('--max-response-time <ms>', 'any answer slower than this is a violation (off by default; timings are always reported)', duration('--max-response-time'))
    .option('--request-timeout <ms>', 'most time one request may take, connecting to the end of the body (e.g. 15000, 15s)', duration('--request-timeout'), 15_000)
    .option('--max-body-bytes <n>', 'read response bodies up to this size (e.g. 8388608, 8MiB)', size('--max-body-bytes'), 8 * 1024 * 1024)
    .option('--deadline <ms>', 'the whole run ends within this (e.g. 600000, 10m)', duration('--deadline'), 10 * 60_000)
    .option('--via-prism', 'send the valid traffic through prism proxy --errors as a second judge (Prism from your project)')
    .option('--no-stateful', 'skip the check that adds a run through the admin API')
    .option('--seed <n>', 'seed of the generated requests: the same seed replays a run exactly', integer('--seed', 0))
    .option('--max-examples <n>', 'generated requests per API and kind (valid, invalid; edge cases half as many); 0: no generation', integer('--max-examples', 0))
    .option('--scenario <name|path>', 'oracle mode: the scenario the target serves (with --now)')
    .option('--now <iso>', 'oracle mode: the target\'s clock')
    .option('--no-oracle', 'do not compare answers with flowmock\'s engine, even when the target has a flowmock admin API')
    .action(async (flags: Flags) => {
      const { runContract, consoleReport } = await import('../contract/run-contract.ts');
      const result = await runContract(toOptions(flags));
      if (result.report !== undefined) process.stdout.write(consoleReport(result.report));
      if (result.error !== undefined) process.stderr.write(`error: ${result.error.message}\n`);
      for (const file of result.written) process.stderr.write(`wrote ${file}\n`);
      process.exitCode = result.exitCode;
    });
}

/** The flags as the library's options. */
export function toOptions(flags: Flags): ContractOptions {
  const list = (value: string | undefined) => value?.split(',').map((a) => a.trim()).filter(Boolean);
  return {
    baseUrl: flags.baseUrl,
    ...(flags.api === undefined ? {} : { apis: list(flags.api) as string[] }),
    ...(flags.token === undefined ? {} : { token: flags.token }),
    headers: flags.header,
    ...(flags.fixtures === undefined ? {} : { fixtures: flags.fixtures }),
    ...(flags.report === undefined ? {} : { reports: parseReports(flags.report) }),
    ...(flags.viaPrism === true ? { viaPrism: true } : {}),
    stateful: flags.stateful,
    ...(flags.oracle === false ? { oracle: false } : {}),
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    ...(flags.maxExamples === undefined ? {} : { maxExamples: flags.maxExamples }),
    ...(flags.scenario === undefined ? {} : { scenario: flags.scenario }),
    ...(flags.now === undefined ? {} : { now: flags.now }),
    ...(flags.maxResponseTime === undefined ? {} : { maxResponseTimeMs: flags.maxResponseTime }),
    ...(flags.check === undefined ? {} : { checks: list(flags.check) as string[] }),
    ...(flags.adminToken === undefined ? {} : { adminToken: flags.adminToken }),
    ...(flags.baseline === undefined ? {} : { baseline: flags.baseline }),
    ...(flags.requireCoverage === true ? { requireCoverage: true } : {}),
    deadlineMs: flags.deadline,
    requestTimeoutMs: flags.requestTimeout,
    maxBodyBytes: flags.maxBodyBytes,
  };
}

function usageError(flag: string, value: string, hint: string): CommanderError {
  return new CommanderError(2, 'flowmock.contract', `invalid ${flag} "${value}": ${hint}`);
}

function parseReports(value: string): NonNullable<ContractOptions['reports']> {
  const reports: { json?: string; junit?: string; html?: string; baseline?: string } = {};
  for (const part of value.split(',').filter(Boolean)) {
    const at = part.indexOf('=');
    const kind = part.slice(0, at);
    const path = part.slice(at + 1);
    if (at < 0 || !['json', 'junit', 'html', 'baseline'].includes(kind) || path === '') {
      throw usageError('--report', part, 'use junit=PATH, json=PATH, html=PATH and/or baseline=PATH, comma-separated');
    }
    reports[kind as keyof typeof reports] = path;
  }
  return reports;
}

/** Milliseconds: a whole number, or with a unit (`500ms`, `15s`, `10m`). */
function duration(flag: string): (value: string) => number {
  return (value) => {
    const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min)?$/.exec(value.trim());
    const ms = match === null ? NaN : Number(match[1]) * ({ ms: 1, s: 1000, m: 60_000, min: 60_000 }[match[2] ?? 'ms'] ?? 1);
    if (!Number.isFinite(ms) || ms < 1 || !Number.isSafeInteger(Math.round(ms))) throw usageError(flag, value, 'give milliseconds (e.g. 15000) or a duration with a unit (500ms, 15s, 10m)');
    return Math.round(ms);
  };
}

/** Bytes: a whole number, or with a unit (`512KiB`, `8MiB`, `1GiB`; KB/MB as 1000s). */
function size(flag: string): (value: string) => number {
  return (value) => {
    const match = /^(\d+(?:\.\d+)?)\s*(B|KB|KiB|MB|MiB|GB|GiB)?$/i.exec(value.trim());
    const units: Record<string, number> = { b: 1, kb: 1e3, kib: 1024, mb: 1e6, mib: 1024 ** 2, gb: 1e9, gib: 1024 ** 3 };
    const bytes = match === null ? NaN : Number(match[1]) * (units[(match[2] ?? 'b').toLowerCase()] ?? 1);
    if (!Number.isFinite(bytes) || bytes < 1 || !Number.isSafeInteger(Math.floor(bytes))) throw usageError(flag, value, 'give bytes (e.g. 8388608) or a size with a unit (512KiB, 8MiB)');
    return Math.floor(bytes);
  };
}

function integer(flag: string, min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw usageError(flag, value, `give a whole number of at least ${min}`);
    return n;
  };
}

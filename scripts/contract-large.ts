/**
 * `npx tsx scripts/contract-large.ts`: the whole contract suite (generation and the oracle on, as by
 * default) against flowmock serving the `large` scenario (1,000,000 runs) with its clock frozen at
 * 2026-11-20T12:00:00Z. The server is the CLI in a child process (`flowmock serve`, from source), so that
 * each process's memory is its own: the suite runs here, and its oracle rebuilds the same million runs in
 * this process. Prints the exit code, violations, checks, duration, requests sent and the peak RSS of both
 * processes, then the diagnosis and every listed violation.
 *
 *   npx tsx scripts/contract-large.ts [--max-examples N] [--seed N] [--deadline MS] [--no-stateful] [--report FILE.json]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runContract } from '../src/contract/run-contract.ts';
import { consoleReport } from '../src/contract/reports/console-report.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = '2026-11-20T12:00:00Z';
const READY = 'flowmock listening ';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

/** Peak resident set of a process (VmHWM), in MB; undefined once it is gone or off Linux. */
function peakRssMb(pid: number | 'self'): number | undefined {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

const mb = (value: number | undefined) => (value === undefined ? 'n/a' : `${value.toFixed(0)} MB`);

async function main(): Promise<void> {
  const maxExamples = flag('--max-examples');
  const seed = flag('--seed');
  const deadlineMs = Number(flag('--deadline') ?? 30 * 60_000);
  const reportFile = flag('--report');

  const loadStarted = performance.now();
  const server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'serve', '--scenario', 'large', '--now', NOW, '--port', '0'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith(READY));
      if (line !== undefined) resolve((JSON.parse(line.slice(READY.length)) as { url: string }).url);
    });
    server.once('exit', (code) => reject(new Error(`flowmock serve exited (${String(code)}) before it was ready:\n${output}`)));
  });
  // Whatever happens below, the server goes with this process.
  process.once('exit', () => { if (server.exitCode === null) server.kill('SIGKILL'); });
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const serverAfterLoad = peakRssMb(server.pid as number);
  process.stderr.write(`${output.split('\n').find((l) => l.startsWith('flowmock ')) ?? ''}\nserver ready at ${url} after ${loadSeconds.toFixed(1)} s (peak RSS ${mb(serverAfterLoad)}); running the suite…\n`);

  // The server's request journal counts every request the suite sends, emptied first and read per API afterwards
  // (10,000 entries kept, all counted): the report's timing must count the same requests to the five APIs (the
  // admin API's requests aside: they are no API's).
  await fetch(`${url}/__mock/requests`, { method: 'DELETE' });
  const out = mkdtempSync(join(tmpdir(), 'flowmock-large-'));
  const json = reportFile ?? join(out, 'report.json');
  const started = performance.now();
  const result = await runContract({
    baseUrl: url,
    deadlineMs,
    reports: { json },
    stateful: !process.argv.includes('--no-stateful'),
    ...(maxExamples === undefined ? {} : { maxExamples: Number(maxExamples) }),
    ...(seed === undefined ? {} : { seed: Number(seed) }),
  });
  const seconds = (performance.now() - started) / 1000;
  const journal = await journalCounts(url);
  const serverPeak = peakRssMb(server.pid as number);
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  const suitePeak = process.resourceUsage().maxRSS / 1024;

  const report = result.report;
  const checks = report?.checks ?? [];
  const timed = (report?.timing ?? []).reduce((n, t) => n + t.requests, 0);
  const oracleChecks = checks.filter((c) => c.check.endsWith('.oracle'));
  const apiRequests = ['alloy', 'stackai', 'onepin', 'b3os', 'multiplai'].reduce((n, api) => n + (journal.perApi[api] ?? 0), 0);
  const lines = [
    `exit code        ${result.exitCode} (${result.outcome})${result.error === undefined ? '' : `: ${result.error.message}`}`,
    `violations       ${report?.violationCount ?? 'n/a'}`,
    `checks           ${checks.length} (${checks.filter((c) => c.violations === 0).length} hold, ${checks.filter((c) => c.violations > 0).length} fail; oracle: ${oracleChecks.length} run)`,
    `duration         ${seconds.toFixed(1)} s (report: ${((report?.durationMs ?? 0) / 1000).toFixed(1)} s; server load ${loadSeconds.toFixed(1)} s)`,
    `requests sent    ${journal.total + journal.dropped - 1}${journal.dropped > 0 ? ` (${journal.dropped} of them dropped from the journal: per API below, the last 10,000)` : ''}: ${Object.entries(journal.perApi).map(([api, n]) => `${api} ${n - (api === 'admin' ? 1 : 0)}`).join(', ')} (server's journal)`,
    `timed by suite   ${timed}${journal.dropped > 0 ? '' : timed === apiRequests ? ' (= the requests to the APIs the server received)' : ` (≠ the ${apiRequests} requests to the APIs the server received!)`} (${(report?.timing ?? []).map((t) => `${t.api} ${t.requests}, p50 ${t.p50Ms.toFixed(0)} ms, p95 ${t.p95Ms.toFixed(0)} ms, max ${t.maxMs.toFixed(0)} ms`).join('; ')})`,
    `peak RSS suite   ${mb(suitePeak)} (maxRSS; VmHWM ${mb(peakRssMb('self'))})`,
    `peak RSS server  ${mb(serverPeak)} (VmHWM; ${mb(serverAfterLoad)} after loading)`,
    `JSON report      ${reportFile ?? 'not kept (--report FILE.json keeps it)'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n\n`);
  if (report !== undefined) process.stdout.write(`${consoleReport(report)}\n`);
  if (reportFile === undefined) rmSync(out, { recursive: true, force: true });
  process.exitCode = result.exitCode;
}

/** How many requests the server's journal holds, in all and per API (`admin` is /__mock), and how many it dropped. */
async function journalCounts(url: string): Promise<{ total: number; dropped: number; perApi: Record<string, number> }> {
  const read = async (api?: string) => (await (await fetch(`${url}/__mock/requests?limit=1${api === undefined ? '' : `&api=${api}`}`)).json()) as { total: number; dropped: number };
  const all = await read();
  const perApi: Record<string, number> = {};
  for (const api of ['alloy', 'stackai', 'onepin', 'b3os', 'multiplai', 'admin']) perApi[api] = (await read(api)).total;
  const elsewhere = all.total - Object.values(perApi).reduce((a, b) => a + b, 0);
  if (elsewhere > 0) perApi['elsewhere'] = elsewhere;
  return { total: all.total, dropped: all.dropped, perApi };
}

await main();

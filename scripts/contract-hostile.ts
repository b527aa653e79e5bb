/**
 * `npx tsx scripts/contract-hostile.ts`: the contract suite against each hostile target of
 * test/contract/hostile/, each run in a process of its own, with the default body cap (8 MiB) and a 2 s
 * request timeout (default 15 s: only the time to give up changes). Prints, per target, the exit code, the
 * outcome, the wall time, the peak RSS of the process and the size of its JSON report, as a Markdown table.
 * The process holds the hostile server too (it streams; it stores nothing).
 *
 *   npx tsx scripts/contract-hostile.ts [NAME ...]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGETS: Record<string, string> = {
  hang: 'hang', 'stops-answering': 'stopsAnswering', reset: 'reset', 'flaky-reset': 'flakyReset', garbage: 'garbage', 'huge-headers': 'hugeHeaders',
  'slow-drip': 'slowDrip', 'invalid-json': 'invalidJson', 'wrong-content-type': 'wrongContentType', 'huge-body': 'hugeBody', 'endless-body': 'endlessBody',
  redirect: 'redirect', 'schema-flood': 'schemaFlood', markup: 'markup', 'slow-answers': 'slowAnswers',
};
/** Targets that answer everything themselves need fixtures; the others forward to flowmock. */
const OWN = new Set(['hang', 'reset', 'garbage', 'huge-headers', 'slow-drip', 'invalid-json', 'huge-body', 'endless-body', 'redirect']);

interface Row { name: string; exitCode: number; outcome: string; seconds: number; peakRssMb: number; reportKb: number; violations: number }

async function one(name: string, upstream: string, fixtures: string, out: string): Promise<void> {
  const { useOwnFiles } = await import('../src/node/own-files.ts');
  useOwnFiles();
  const mod = (await import(`../test/contract/hostile/${name}.ts`)) as Record<string, { start(u: string): Promise<{ url: string; close(): Promise<void> }> }>;
  const target = mod[TARGETS[name] as string];
  if (target === undefined) throw new Error(`no hostile target ${name}`);
  const { runContract } = await import('../src/contract/run-contract.ts');
  const running = await target.start(upstream);
  const report = join(out, `${name}.json`);
  const started = performance.now();
  const result = await runContract({ baseUrl: running.url, ...(OWN.has(name) ? { fixtures } : {}), requestTimeoutMs: 2000, deadlineMs: name === 'slow-answers' ? 20_000 : 120_000, stateful: false, reports: { json: report } });
  const seconds = (performance.now() - started) / 1000;
  await running.close();
  const row: Row = {
    name, exitCode: result.exitCode, outcome: result.outcome, seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024, reportKb: statSync(report, { throwIfNoEntry: false })?.size ?? 0, violations: result.report?.violationCount ?? 0,
  };
  row.reportKb /= 1024;
  process.stdout.write(`${JSON.stringify(row)}\n`);
  process.exit(0);
}

async function main(): Promise<void> {
  const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(TARGETS);
  const { useOwnFiles } = await import('../src/node/own-files.ts');
  useOwnFiles();
  const { appOf, stateFor } = await import('../test/helpers/app.ts');
  const { DEFAULT } = await import('../test/helpers/fixtures.ts');
  const server = appOf(stateFor('default', '2026-11-20T12:00:00Z')).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const upstream = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const out = mkdtempSync(join(tmpdir(), 'flowmock-hostile-'));
  const fixtures = join(out, 'fixtures.json');
  writeFileSync(fixtures, JSON.stringify({
    workspaces: [
      { id: DEFAULT.acme.workspaceId, name: 'Acme', tokens: [DEFAULT.acme.token], users: [{ id: DEFAULT.acme.users.ada, name: 'Ada', email: 'ada@acme.example' }],
        flows: [{ id: DEFAULT.acme.flows.syncLeads, kind: 'workflow', name: 'Sync', createdAt: '2025-06-02T09:15:00.000Z' }] },
      { id: DEFAULT.globex.workspaceId, name: 'Globex', tokens: ['other'], users: [], flows: [] },
    ],
  }));
  const rows: Row[] = [];
  for (const name of names) {
    const line = await new Promise<string>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', name, upstream, fixtures, out], { cwd: ROOT, maxBuffer: 1 << 20, timeout: 300_000 }, (error, stdout, stderr) => {
        resolve(error === null ? stdout.trim().split('\n').at(-1) ?? '' : JSON.stringify({ name, exitCode: -1, outcome: `crashed: ${(stderr || String(error)).slice(-300)}`, seconds: 0, peakRssMb: 0, reportKb: 0, violations: 0 }));
      });
    });
    const row = JSON.parse(line) as Row;
    rows.push(row);
    process.stderr.write(`${name}: exit ${row.exitCode} (${row.outcome}) in ${row.seconds.toFixed(1)} s, peak RSS ${row.peakRssMb.toFixed(0)} MB\n`);
  }
  server.close();
  rmSync(out, { recursive: true, force: true });
  process.stdout.write('| target | exit | outcome | time | peak RSS | JSON report | violations |\n|---|---|---|---|---|---|---|\n');
  for (const r of rows) process.stdout.write(`| ${r.name} | ${r.exitCode} | ${r.outcome} | ${r.seconds.toFixed(1)} s | ${r.peakRssMb.toFixed(0)} MB | ${r.reportKb.toFixed(0)} KB | ${r.violations} |\n`);
  if (rows.some((r) => r.exitCode < 0 || r.peakRssMb > 300)) process.exitCode = 1;
}

if (process.argv[2] === '--one') await one(process.argv[3] as string, process.argv[4] as string, process.argv[5] as string, process.argv[6] as string);
else await main();

/**
 * Which load generator disturbs the servers least: each candidate drives the same raw `node:http` server
 * (bench/node-http-server.ts, the fastest server the benchmark measures, so the one where a generator's own
 * cost shows most) with 10 connections, on a 300-byte and a 75 KB answer, and the CPU of the server, of the
 * generator and of everything else is measured over each run. The candidates:
 * - wrk, one thread (a child process: its CPU is what this process's waited-for children grew by);
 * - autocannon in the benchmark process, as `npm run bench` ran it before wrk;
 * - autocannon in a process of its own pinned to one core (`taskset -c 1`, its CLI with `--json`).
 *
 *     npx tsx bench/load-generator-cost.ts [SECONDS]     (default 5 per run)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { cpuSnapshot, cpuWithChildGenerator, killAllNow, startChild, stopAll, stopAllOnSignals, waitForOutput, type CpuCores } from './processes.ts';
import { REPO } from './targets.ts';
import { requireWrk, runWrk } from './wrk.ts';

const SECONDS = Number(process.argv[2] ?? '5');
const CONNECTIONS = 10;
const AUTOCANNON_CLI = join(REPO, 'node_modules/autocannon/autocannon.js');

/** A JSON body of about `bytes` bytes. */
function body(bytes: number): string {
  const values: number[] = [];
  while (JSON.stringify({ values }).length < bytes) values.push(values.length * 7919 % 100_000);
  return JSON.stringify({ values });
}

const BODIES = [{ path: '/small', label: '300 B', body: body(300) }, { path: '/large', label: '75 KB', body: body(75_000) }];

type Generator = 'wrk -t1' | 'autocannon in the benchmark process' | 'autocannon, own process on core 1';
const GENERATORS: readonly Generator[] = ['wrk -t1', 'autocannon in the benchmark process', 'autocannon, own process on core 1'];

interface Measured {
  readonly responses: number;
  readonly seconds: number;
}

function runAutocannonInProcess(url: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    autocannon({ url, connections: CONNECTIONS, duration: SECONDS }, (error, result) => {
      if (error) reject(error);
      else resolve({ responses: result['2xx'], seconds: (performance.now() - started) / 1000 });
    });
  });
}

function runAutocannonPinned(url: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('taskset', ['-c', '1', process.execPath, AUTOCANNON_CLI, '-c', String(CONNECTIONS), '-d', String(SECONDS), '--json', url], { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.once('error', reject);
    child.once('close', () => {
      try {
        const result = JSON.parse(stdout) as { '2xx': number };
        resolve({ responses: result['2xx'], seconds: (performance.now() - started) / 1000 });
      } catch {
        reject(new Error(`autocannon printed no JSON: ${stdout.slice(0, 300)}`));
      }
    });
  });
}

async function measure(generator: Generator, origin: string, path: string, serverPid: number, workDir: string): Promise<{ reqPerSec: number; cpu: CpuCores }> {
  const before = cpuSnapshot(serverPid);
  let measured: Measured;
  if (generator === 'wrk -t1') {
    const result = await runWrk({ origin, requests: [{ method: 'GET', path, headers: {} }], connections: CONNECTIONS, seconds: SECONDS, workDir });
    measured = { responses: result.responses, seconds: result.seconds };
  } else {
    measured = generator === 'autocannon in the benchmark process' ? await runAutocannonInProcess(origin + path) : await runAutocannonPinned(origin + path);
  }
  const cpu = cpuWithChildGenerator(before, cpuSnapshot(serverPid));
  // autocannon in this process: its CPU is this process's.
  const inProcess = generator === 'autocannon in the benchmark process';
  return { reqPerSec: measured.responses / measured.seconds, cpu: inProcess ? { ...cpu, loadGenerator: cpu.bench, bench: 0 } : cpu };
}

async function main(): Promise<void> {
  requireWrk();
  const workDir = mkdtempSync(join(tmpdir(), 'flowmock-generators-'));
  // The server runs in a process group of its own: Ctrl-C must stop it too.
  stopAllOnSignals((line) => process.stdout.write(`${line}\n`), 'stopping the server', () => rmSync(workDir, { recursive: true, force: true }));
  try {
    const routes = join(workDir, 'routes.json');
    writeFileSync(routes, JSON.stringify(BODIES.map(({ path, body: text }) => ({ path, body: text }))));
    const server = startChild('node-http', process.execPath, ['--import', 'tsx', 'bench/node-http-server.ts', routes], { cwd: REPO });
    const origin = (await waitForOutput(server, /node-http (http:\/\/127\.0\.0\.1:\d+)/, 30_000))[1] as string;
    process.stdout.write(`raw node:http server, ${CONNECTIONS} connections, ${SECONDS} s per run; CPU in cores (1 = one core busy all the time)\n\n`);
    process.stdout.write('answer  generator                             req/s    server  generator  bench  other  generator µs of CPU per response\n');
    for (const { path, label } of BODIES) {
      // The server warmed up first (JIT), not measured, so that the first candidate meets it as warm as the others.
      await runWrk({ origin, requests: [{ method: 'GET', path, headers: {} }], connections: CONNECTIONS, seconds: 2, workDir });
      for (const generator of GENERATORS) {
        const { reqPerSec, cpu } = await measure(generator, origin, path, server.pid, workDir);
        process.stdout.write(`${label.padEnd(7)} ${generator.padEnd(36)} ${reqPerSec.toFixed(0).padStart(6)}  ${cpu.server.toFixed(2).padStart(6)}  ${cpu.loadGenerator.toFixed(2).padStart(9)}  ${cpu.bench.toFixed(2).padStart(5)}  ${cpu.other.toFixed(2).padStart(5)}  ${((cpu.loadGenerator * 1e6) / reqPerSec).toFixed(1).padStart(8)}\n`);
      }
    }
  } finally {
    await stopAll();
    rmSync(workDir, { recursive: true, force: true });
  }
}

process.on('exit', killAllNow);
await main();

/**
 * kill -9 rounds against the SERVER, as an operator meets a crash: `flowmock serve --state-file` takes
 * POST /__mock/runs from 10 concurrent writers (each run tagged with a unique appActions number); after a
 * random moment the process is killed with SIGKILL; a new server is started on the same state file, and
 * every run the killed one acknowledged (201) must be in GET /__mock/state. Rounds go on with the same
 * file (each restart replays what the previous ones left). Exits 1 if any acknowledged run was lost.
 *
 *     npx tsx scripts/server-crash-rounds.ts [ROUNDS=50] [--writers=10] [--max-kill-ms=1500]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const rounds = Number(args.find((a) => !a.startsWith('--')) ?? 50);
const writers = flag('writers', 10);
const maxKillMs = flag('max-kill-ms', 1500);
const BIN = fileURLToPath(new URL('../bin/flowmock.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'flowmock-server-crash-'));
const file = join(dir, 'state.json');

interface Server { readonly child: ChildProcess; readonly base: string }

function startServer(): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve', '--scenario', 'edge-cases', '--port', '0', '--state-file', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /admin\s+(http:\/\/127\.0\.0\.1:\d+)\/__mock/.exec(out);
      if (match) resolve({ child, base: match[1] as string });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited ${code} before listening: ${out}`)));
  });
}

async function json(url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

const acknowledged = new Set<number>();
let next = 1;
let lost = 0;
let total = 0;
let server = await startServer();
const fixtures = (await json(`${server.base}/__mock/fixtures`)).body as { workspaces: { id: string; flows: { id: string }[] }[] };
const ws = fixtures.workspaces[0]!;
console.log('round  kill ms  acked this round  acked in all  present after restart  lost');
try {
  for (let round = 1; round <= rounds; round++) {
    const killAfter = Math.floor(Math.random() * maxKillMs);
    let stop = false;
    let ackedThisRound = 0;
    const base = server.base;
    const writer = async () => {
      while (!stop) {
        const tag = next++;
        try {
          const res = await fetch(`${base}/__mock/runs`, {
            method: 'POST', headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ workspace: ws.id, flow: ws.flows[0]!.id, status: 'running', appActions: tag }),
          });
          if (res.status === 201) {
            acknowledged.add(tag);
            ackedThisRound++;
          }
          await res.arrayBuffer();
        } catch {
          return; // the server is gone
        }
      }
    };
    const running = Array.from({ length: writers }, writer);
    await new Promise((resolve) => setTimeout(resolve, killAfter));
    server.child.kill('SIGKILL');
    stop = true;
    await Promise.all(running);
    if (server.child.exitCode === null && server.child.signalCode === null) await new Promise((resolve) => server.child.once('exit', resolve));
    server = await startServer();
    const state = (await json(`${server.base}/__mock/state`)).body as { changes: { kind: string; run?: { appActions: number } }[] };
    const present = new Set(state.changes.filter((c) => c.kind === 'run-added').map((c) => c.run!.appActions));
    const missing = [...acknowledged].filter((tag) => !present.has(tag));
    lost += missing.length;
    total = acknowledged.size;
    console.log(`${String(round).padStart(5)}  ${String(killAfter).padStart(7)}  ${String(ackedThisRound).padStart(16)}  ${String(acknowledged.size).padStart(12)}  ${String(present.size).padStart(21)}  ${missing.length}${missing.length ? ` (e.g. ${missing.slice(0, 5).join(', ')})` : ''}`);
  }
} finally {
  server.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\n${rounds} rounds, ${writers} concurrent writers: ${total} runs acknowledged, ${lost} lost`);
process.exitCode = lost === 0 ? 0 : 1;

/**
 * What `flowmock serve` tells at start-up: the machine-readable ready line and `--ready-file` for scripts
 * (`--port 0`), URLs a person can open when it listens on every interface, and that an existing state file
 * wins over `--scenario`; and what it refuses: `--live` with `--now`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { start, waitForOutput, type Running } from '../helpers/child-process.ts';
import { CLI_ARGS, runCli } from '../helpers/cli.ts';

const READY = /^flowmock listening (\{.*\})$/m;
const scratch = mkdtempSync(join(tmpdir(), 'flowmock-serve-startup-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function serve(args: readonly string[]): Running {
  return start(process.execPath, [...CLI_ARGS, 'serve', '--port', '0', ...args]);
}

function exited(server: Running): Promise<number | null> {
  if (server.child.exitCode !== null) return Promise.resolve(server.child.exitCode);
  return new Promise((resolve) => server.child.once('exit', (code) => resolve(code)));
}

describe('the ready line and the ready file', () => {
  it('says on one stdout line, last, where it listens: url, port, host, pid; the file holds the same, and goes on exit', async () => {
    const readyFile = join(scratch, 'ready.json');
    const server = serve(['--scenario', 'empty', '--ready-file', readyFile]);
    try {
      const [line, json] = await waitForOutput(server, READY);
      const ready = JSON.parse(json!) as { url: string; port: number; host: string; pid: number };
      expect(ready).toEqual({ url: `http://127.0.0.1:${ready.port}`, port: ready.port, host: '127.0.0.1', pid: server.child.pid });
      expect(ready.port).toBeGreaterThan(0);
      // Once the line is out, the server answers, and the file is whole.
      expect((await fetch(`${ready.url}/__mock/health`)).status).toBe(200);
      expect(JSON.parse(readFileSync(readyFile, 'utf8'))).toEqual(ready);
      // The human banner is still there, before it.
      const stdout = server.output().slice(0, server.output().indexOf(line!));
      expect(stdout).toContain(`  onepin     ${ready.url}/onepin`);
      const done = exited(server);
      server.child.kill('SIGTERM');
      expect(await done).toBe(0);
      expect(existsSync(readyFile)).toBe(false);
    } finally {
      await server.stop();
    }
  });

  it('removes a ready file left by a dead server before it starts', async () => {
    const readyFile = join(scratch, 'stale.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(readyFile, '{"url":"http://127.0.0.1:1","port":1}');
    const result = await runCli(['serve', '--scenario', 'nope', '--ready-file', readyFile]);
    expect(result.code).toBe(1);
    expect(existsSync(readyFile)).toBe(false);
  });
});

describe('bound to every interface', () => {
  it('prints URLs a person can open and says it listens on all interfaces', async () => {
    const server = serve(['--scenario', 'empty', '--host', '0.0.0.0', '--admin-token', 't0ken-for-the-test']);
    try {
      const [, json] = await waitForOutput(server, READY);
      const { port, url, host } = JSON.parse(json!) as { port: number; url: string; host: string };
      expect(host).toBe('0.0.0.0');
      expect(url).toBe(`http://127.0.0.1:${port}`);
      const output = server.output();
      expect(output).toContain(`listening on all interfaces (0.0.0.0) port ${port}: on this machine open http://127.0.0.1:${port} or http://localhost:${port}`);
      expect(output).not.toContain('http://0.0.0.0');
      expect(output).toContain(`  alloy      http://127.0.0.1:${port}/alloy`);
    } finally {
      await server.stop();
    }
  });
});

describe('an existing state file wins over --scenario', () => {
  it('says so at every start that restores it, unmissably when it holds another scenario', async () => {
    const stateFile = join(scratch, 'state.json');
    const first = serve(['--scenario', 'edge-cases', '--state-file', stateFile]);
    await waitForOutput(first, READY);
    expect(first.output()).not.toContain('state file');
    await first.stop();

    const same = serve(['--scenario', 'edge-cases', '--state-file', stateFile]);
    await waitForOutput(same, READY);
    expect(same.output()).toContain(`state file ${stateFile}: restored scenario "edge-cases" and 0 change(s) (an existing state file wins over --scenario)`);
    await same.stop();

    const other = serve(['--scenario', 'empty', '--state-file', stateFile, '--log-format', 'json']);
    await waitForOutput(other, READY);
    const output = other.output();
    expect(output).toContain(`warning: state file ${stateFile}: restored scenario "edge-cases" and 0 change(s); it wins over --scenario empty ("empty"), which is not loaded. Delete ${stateFile} (and ${stateFile}.log) to start from empty.`);
    expect(output).toContain('scenario "edge-cases" (2 workspaces');
    expect(output).toMatch(/"level":40,.*"msg":"the state file wins over --scenario"/);
    await other.stop();
  });
});

describe('--live with --now', () => {
  it('is refused: exit 2, one line saying why', async () => {
    const result = await runCli(['serve', '--port', '0', '--live', '--now', '2026-11-20T12:00:00Z']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: --live runs on the real clock and --now freezes it: give one or the other\n');
  });

  it('also when --live-rate implies --live', async () => {
    const result = await runCli(['serve', '--port', '0', '--live-rate', '12', '--now', '2026-11-20T12:00:00Z']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: --live-rate (which implies --live) runs on the real clock and --now freezes it: give one or the other\n');
  });
});

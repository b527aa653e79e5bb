/**
 * Every `serve` flag also as FLOWMOCK_<FLAG> (product design §4); a flag wins over its variable; a bad
 * value in a variable is refused as the flag's would be, naming the variable.
 */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { start, waitForOutput } from '../helpers/child-process.ts';
import { CLI_ARGS, ROOT, runCli } from '../helpers/cli.ts';

/** The CLI with these variables besides the test's own environment. */
function runWith(env: Record<string, string>, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...CLI_ARGS, ...args], { cwd: ROOT, timeout: 60_000, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

/** Each option of `serve --help`, its flag and the rest of its entry (the description wraps over lines). */
function optionsOf(help: string): { flag: string; text: string }[] {
  const entries: { flag: string; text: string }[] = [];
  for (const line of help.split('\n')) {
    const match = /^ {2}(?:-\w, )?(--[\w-]+)/.exec(line);
    if (match !== null) entries.push({ flag: match[1]!, text: line });
    else if (entries.length > 0 && /^ {4,}/.test(line)) entries.at(-1)!.text += ` ${line.trim()}`;
  }
  return entries;
}

describe('serve options from the environment', () => {
  it('every option of serve has its FLOWMOCK_<FLAG> variable (so a new flag cannot forget it)', async () => {
    const { code, stdout } = await runCli(['serve', '--help']);
    expect(code).toBe(0);
    const options = optionsOf(stdout).filter(({ flag }) => flag !== '--help');
    expect(options.map(({ flag }) => flag)).toEqual(expect.arrayContaining(['--port', '--host', '--scenario', '--now', '--admin-token', '--cors', '--admin-cors',
      '--allowed-hosts', '--live', '--live-rate', '--state-file', '--max-runs', '--max-entities', '--log-level', '--log-format', '--ready-file', '--drain-timeout']));
    for (const { flag, text } of options) {
      const variable = `FLOWMOCK_${flag.slice(2).toUpperCase().replaceAll('-', '_')}`;
      expect(text.replace(/\s+/g, ' '), flag).toContain(`env: ${variable})`);
    }
  });

  it('a variable works, and a flag wins over it', async () => {
    const server = start(process.execPath, [...CLI_ARGS, 'serve', '--scenario', 'edge-cases'], {
      env: { ...process.env, FLOWMOCK_PORT: '0', FLOWMOCK_SCENARIO: 'empty', FLOWMOCK_ADMIN_TOKEN: 'env-admin-token', FLOWMOCK_LOG_LEVEL: 'warn' },
    });
    try {
      const [, ready] = await waitForOutput(server, /^flowmock listening (\{.*\})$/m);
      const { url, port } = JSON.parse(ready!) as { url: string; port: number };
      expect(port).not.toBe(4010);
      expect(server.output()).toContain('scenario "edge-cases"');
      expect((await fetch(`${url}/__mock/fixtures`)).status).toBe(401);
      expect((await fetch(`${url}/__mock/fixtures`, { headers: { authorization: 'Bearer env-admin-token' } })).status).toBe(200);
      // warn: no request lines.
      expect(server.output()).not.toContain('"msg":"request"');
    } finally {
      await server.stop();
    }
  });

  it.each([
    [{ FLOWMOCK_PORT: 'abc' }, /^error: invalid FLOWMOCK_PORT "abc" \(--port\): give an integer from 0 to 65535$/m],
    [{ FLOWMOCK_NOW: 'yesterday' }, /^error: invalid FLOWMOCK_NOW "yesterday" \(--now\): give an ISO 8601/m],
    [{ FLOWMOCK_MAX_RUNS: '-1' }, /^error: invalid FLOWMOCK_MAX_RUNS "-1" \(--max-runs\)/m],
    [{ FLOWMOCK_LIVE_RATE: 'lots' }, /^error: invalid FLOWMOCK_LIVE_RATE "lots" \(--live-rate\)/m],
    [{ FLOWMOCK_LOG_LEVEL: 'loud' }, /FLOWMOCK_LOG_LEVEL.*Allowed choices are fatal, error, warn, info, debug/],
    [{ FLOWMOCK_LIVE: 'maybe' }, /^error: invalid FLOWMOCK_LIVE "maybe" \(--live\): give true or false \(1 or 0\)$/m],
  ])('a bad value in %o: exit 2, one line naming the variable', async (env, message) => {
    // Any other variable left valid (a port of 0), so that only the one under test can fail.
    const { code, stderr } = await runWith({ FLOWMOCK_PORT: '0', ...env }, ['serve']);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('the flag\'s own error names the flag when the value came from the command line', async () => {
    const { code, stderr } = await runWith({ FLOWMOCK_PORT: 'abc' }, ['serve', '--port', 'abc']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: invalid --port "abc"/m);
  });

  it('FLOWMOCK_LIVE is read by its value: false leaves live mode off, true turns it on', async () => {
    // Live mode and a frozen clock cannot go together, so the refusal tells whether live mode is on.
    const off = await runWith({ FLOWMOCK_LIVE: 'false' }, ['serve', '--port', '0', '--now', 'nonsense']);
    expect(off.stderr).toMatch(/invalid --now/);
    const on = await runWith({ FLOWMOCK_LIVE: 'true' }, ['serve', '--port', '0', '--now', '2026-11-20T12:00:00Z']);
    expect(on.code).toBe(2);
    expect(on.stderr).toBe('error: FLOWMOCK_LIVE runs on the real clock and --now freezes it: give one or the other\n');
  });
});

/** Runs the flowmock CLI as a child process, as a user would, and collects what it printed. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { start, waitForOutput, type Running } from './child-process.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/**
 * How tests start the CLI: its TypeScript source through tsx, so a test runs what src/ says now, built or not.
 * The compiled package (bin/flowmock.js → dist/) is what the consumer test installs and runs (test/package/).
 */
export const CLI_ARGS: readonly string[] = ['--import', 'tsx', fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))];

export function runCli(args: readonly string[], timeoutMs = 60_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...CLI_ARGS, ...args], { cwd: ROOT, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** `flowmock serve` on the edge-cases scenario with a state file, as a child process, once it listens. */
export async function serveWithStateFile(stateFile: string): Promise<{ running: Running; base: string }> {
  const running = start(process.execPath, [...CLI_ARGS, 'serve', '--scenario', 'edge-cases', '--port', '0', '--state-file', stateFile]);
  const [, base] = await waitForOutput(running, /admin\s+(http:\/\/127\.0\.0\.1:\d+)\/__mock/);
  return { running, base: base as string };
}

/**
 * Child processes for black-box tests (Prism, the flowmock CLI): started in their own process group so
 * that stopping one also stops whatever it spawned, and awaited on a line of their output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../src/net/free-port.ts';

export { freePort };

export interface Running {
  readonly child: ChildProcess;
  readonly output: () => string;
  stop(): Promise<void>;
}

export function start(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Running {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-(child.pid as number), 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try { process.kill(-(child.pid as number), 'SIGKILL'); } catch { /* already gone */ }
      }, 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves when the output matches `pattern`; rejects if the process exits first or time runs out. */
export function waitForOutput(running: Running, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => running.output().match(pattern);
    const timer = setInterval(() => {
      const match = check();
      if (match) return done(() => resolve(match));
      if (running.child.exitCode !== null) return done(() => reject(new Error(`process exited (${running.child.exitCode}) before printing ${pattern}:\n${running.output()}`)));
    }, 50);
    const deadline = setTimeout(() => done(() => reject(new Error(`timed out waiting for ${pattern}:\n${running.output()}`))), timeoutMs);
    function done(settle: () => void) {
      clearInterval(timer);
      clearTimeout(deadline);
      settle();
    }
  });
}


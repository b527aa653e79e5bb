/**
 * `--via-prism`: the valid traffic goes through `prism proxy --errors` (real Prism, one per API), a second
 * and independent judge: any violation Prism sees in a request or a response becomes a `prism` violation.
 * Deliberately invalid requests go straight to the target (Prism would answer them itself), and so do
 * GETs with a body (Prism's proxy cannot forward those: stoplightio/prism#2259).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadSpec } from '../openapi/spec-document.ts';
import { apiBase, UsageError, type Target } from './target.ts';
import { freePort } from '../net/free-port.ts';

/** How to add Prism to a project, said when it is not there. */
export const PRISM_INSTALL_HINT = 'npm i -D @stoplight/prism-cli@~5.14';

/**
 * Prism's CLI script: `FLOWMOCK_PRISM_CLI` when set (a path to Prism's dist/index.js), else from the user's
 * project (`cwd`, as `npx` would find it), else from where flowmock itself is installed. A UsageError saying
 * how to add it when none has it.
 */
export function resolvePrism(cwd = process.cwd(), fallbacks: readonly string[] = [import.meta.url], env = process.env): string {
  const explicit = env.FLOWMOCK_PRISM_CLI;
  if (explicit !== undefined && explicit !== '') {
    if (existsSync(explicit)) return explicit;
    throw new UsageError(`--via-prism: FLOWMOCK_PRISM_CLI=${explicit} does not exist; unset it to use the project's Prism, or add Prism with \`${PRISM_INSTALL_HINT}\``);
  }
  for (const base of [join(cwd, 'package.json'), ...fallbacks]) {
    try {
      return createRequire(base).resolve('@stoplight/prism-cli/dist/index.js');
    } catch {
      // not installed there
    }
  }
  throw new UsageError(`--via-prism needs Prism, which is not installed in ${cwd}: add it with \`${PRISM_INSTALL_HINT}\``);
}

export async function startPrismJudges(target: Target, prism = resolvePrism()): Promise<{ target: Target; stop: () => Promise<void> }> {
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      try { process.kill(-(child.pid as number), 'SIGTERM'); } catch { resolve(); }
    })));
  };
  try {
    const judges: Record<string, string> = {};
    for (const api of target.apis) {
      const port = await freePort();
      const child = spawn(process.execPath, [prism, 'proxy', '--errors', '-h', '127.0.0.1', '-p', String(port), loadSpec(api).file, apiBase(target, api)], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      await listening(child, Math.min(30_000, Math.max(1000, target.transport.remainingMs())));
      judges[api] = `http://127.0.0.1:${port}`;
    }
    return { target: { ...target, prismJudges: judges }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listening(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Prism did not start within ${timeoutMs} ms:\n${output.slice(-2000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-10_000);
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (${code}) before listening:\n${output.slice(-2000)}`));
    });
  });
}


/**
 * `--via-prism`: the valid traffic goes through `prism proxy --errors` (real Prism, one per API), a second
 * and independent judge: any violation Prism sees in a request or a response becomes a `prism` violation.
 * Deliberately invalid requests go straight to the target (Prism would answer them itself), and so do
 * GETs with a body (Prism's proxy cannot forward those: stoplightio/prism#2259).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '../openapi/spec-document.ts';
import { apiBase, type Target } from './target.ts';
import { freePort } from '../net/free-port.ts';

const PRISM = fileURLToPath(new URL('../../node_modules/@stoplight/prism-cli/dist/index.js', import.meta.url));

export async function startPrismJudges(target: Target): Promise<{ target: Target; stop: () => Promise<void> }> {
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
      const child = spawn(process.execPath, [PRISM, 'proxy', '--errors', '-h', '127.0.0.1', '-p', String(port), loadSpec(api).file, apiBase(target, api)], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      await listening(child);
      judges[api] = `http://127.0.0.1:${port}`;
    }
    return { target: { ...target, prismJudges: judges }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Prism did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (${code}) before listening:\n${output}`));
    });
  });
}


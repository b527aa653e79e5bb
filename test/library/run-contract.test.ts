/**
 * `runContract` from the package root, as a library user calls it: the same engine and exit codes as the CLI,
 * against a server started with `startFlowmock`, and against a port nothing listens on.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runContract, startFlowmock } from '../../src/index.ts';
import { freePort } from '../../src/net/free-port.ts';

describe('runContract', () => {
  it('passes against flowmock, writing the JUnit report it was asked for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowmock-contract-lib-'));
    const mock = await startFlowmock({ now: '2026-11-20T12:00:00Z' });
    try {
      const junit = join(dir, 'junit.xml');
      const result = await runContract({ baseUrl: mock.url, apis: ['onepin', 'alloy'], reports: { junit } });
      expect(result.error).toBeUndefined();
      expect(result.report?.violations).toEqual([]);
      expect(result.exitCode).toBe(0);
      expect(result.written).toEqual([junit]);
      expect(readFileSync(junit, 'utf8')).toMatch(/<testsuites/);
    } finally {
      await mock.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says 2 and why for a target nobody answers at', async () => {
    const result = await runContract({ baseUrl: `http://127.0.0.1:${await freePort()}`, requestTimeoutMs: 2000 });
    expect(result.exitCode).toBe(2);
    expect(result.error?.kind).toBe('unreachable');
  });
});

/** `flowmock contract` as a user runs it: exit codes, console, JSON and JUnit reports, --via-prism, and the vitest door. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateFor, appOf } from '../helpers/app.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { startDefectProxy } from '../contract/defect-proxy.ts';
import { DEFECTS } from '../contract/defects.ts';

let server: Server;
let base: string;
beforeAll(async () => {
  server = appOf(stateFor('default', '2026-11-20T12:00:00Z')).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('flowmock contract', () => {
  it('exits 0 against flowmock, writing JSON and JUnit reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowmock-reports-'));
    const result = await runCli(['contract', '--base-url', base, '--report', `junit=${dir}/junit.xml,json=${dir}/report.json`]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/✓ multiplai\s+\d+\/\d+ checks hold/);
    expect(result.stdout).toMatch(/Every check holds/);
    const json = JSON.parse(readFileSync(`${dir}/report.json`, 'utf8'));
    expect(json.violations).toEqual([]);
    expect(json.coverage).toHaveLength(5);
    expect(readFileSync(`${dir}/junit.xml`, 'utf8')).toMatch(/<testsuites name="flowmock contract" tests="\d+" failures="0"/);
  });

  it('exits 1 on a violation and says what is wrong, in the console and in JUnit', async () => {
    const defect = DEFECTS.find((d) => d.name.startsWith('onepin rounds pass_rate'))!;
    const proxy = await startDefectProxy(base, defect);
    const dir = mkdtempSync(join(tmpdir(), 'flowmock-reports-'));
    try {
      const result = await runCli(['contract', '--base-url', proxy.url, '--api', 'onepin', '--report', `junit=${dir}/junit.xml`]);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/✗ \[onepin\] onepin\.arithmetic \(semantic\)\n\s+pass_rate is [\d.]+ but completed\/\(completed\+failed\+cancelled\) = \d+\/\d+ = [\d.]+\n\s+request: GET http/);
      expect(readFileSync(`${dir}/junit.xml`, 'utf8')).toMatch(/<failure message="pass_rate is/);
    } finally {
      await proxy.close();
    }
  });

  it('with --via-prism, Prism judges the traffic too', async () => {
    const defect = DEFECTS.find((d) => d.name.startsWith('alloy sends totalWorkflowRuns as a string'))!;
    const proxy = await startDefectProxy(base, defect);
    try {
      const result = await runCli(['contract', '--base-url', proxy.url, '--api', 'alloy', '--via-prism', '--no-stateful']);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/alloy\.prism-proxy \(prism\)\n\s+Prism proxy: .*/);
    } finally {
      await proxy.close();
    }
  });

  it.each([
    ['an unreachable target', ['contract', '--base-url', 'http://127.0.0.1:9'], /cannot reach http:\/\/127\.0\.0\.1:9/],
    ['a target that is not flowmock, without --fixtures', ['contract', '--base-url', 'http://127.0.0.1:9/x', '--fixtures', '/nonexistent.json'], /--fixtures \/nonexistent\.json/],
    ['an unknown API', ['contract', '--base-url', 'http://127.0.0.1:9', '--api', 'zapier'], /unknown API "zapier"/],
    ['a bad --report', ['contract', '--base-url', 'http://127.0.0.1:9', '--report', 'html=x'], /--report "html=x"/],
    ['no --base-url', ['contract'], /required option '--base-url <url>' not specified/],
  ])('exits 2 on %s', async (_name, args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('runs as a vitest suite: CONTRACT_BASE_URL=… npm run test:contract', async () => {
    const output = await new Promise<{ code: number; text: string }>((resolve) => {
      execFile(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'vitest.contract.config.ts'], { cwd: ROOT, env: { ...process.env, CONTRACT_BASE_URL: base, CONTRACT_APIS: 'alloy,b3os', NO_COLOR: '1', FORCE_COLOR: '0' } }, (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : Number((error as { code?: number }).code ?? 1), text: stdout + stderr });
      });
    });
    expect(output.code, output.text).toBe(0);
    expect(output.text).toMatch(/Tests\s+\S*\d+ passed/);
  });
});

/**
 * `flowmock contract` as a user runs it: exit codes and the words that say which, console, JSON, JUnit and HTML
 * reports, baselines, the opt-in checks, --via-prism (and without Prism), and the vitest door.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
  it('exits 0 against flowmock with every option on, writing JSON, JUnit and HTML reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowmock-reports-'));
    const result = await runCli(['contract', '--base-url', base, '--check', 'cors,unsupported-method', '--require-coverage', '--max-response-time', '10s',
      '--report', `junit=${dir}/junit.xml,json=${dir}/report.json,html=${dir}/report.html`]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/✓ multiplai\s+\d+\/\d+ checks hold {3}\(\d+ requests, median \d+ ms, p95 \d+ ms, slowest \d+ ms\)/);
    expect(result.stdout).toMatch(/Every check holds/);
    const json = JSON.parse(readFileSync(`${dir}/report.json`, 'utf8'));
    expect(json.violations).toEqual([]);
    expect(json.exitCode).toBe(0);
    expect(json.coverage).toHaveLength(5);
    expect(json.checks.map((c: { check: string }) => c.check)).toEqual(expect.arrayContaining(['alloy.cors', 'b3os.unsupported-method', 'stackai.coverage']));
    expect(json.timing).toHaveLength(5);
    expect(readFileSync(`${dir}/junit.xml`, 'utf8')).toMatch(/<testsuites name="flowmock contract" tests="\d+" failures="0"/);
    expect(readFileSync(`${dir}/report.html`, 'utf8')).toMatch(/<span class="verdict pass">Every check holds<\/span>/);
  });

  it('exits 1 on a violation and says what is wrong, in the console and in JUnit', async () => {
    const defect = DEFECTS.find((d) => d.name.startsWith('onepin rounds pass_rate'))!;
    const proxy = await startDefectProxy(base, defect);
    const dir = mkdtempSync(join(tmpdir(), 'flowmock-reports-'));
    try {
      const result = await runCli(['contract', '--base-url', proxy.url, '--api', 'onepin', '--report', `junit=${dir}/junit.xml`]);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/✗ \[onepin\] onepin\.arithmetic \(semantic\)(: \d+ violations)?\n\s+pass_rate is [\d.]+ but completed\/\(completed\+failed\+cancelled\) = \d+\/\d+ = [\d.]+\n\s+request: GET http/);
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
      expect(result.stdout).toMatch(/alloy\.prism-proxy \(prism\)(: \d+ violations)?\n\s+Prism proxy: .*/);
    } finally {
      await proxy.close();
    }
  });

  it('accepts the violations of a baseline it wrote, and fails again on a new one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowmock-baseline-'));
    const rounding = await startDefectProxy(base, DEFECTS.find((d) => d.name.startsWith('onepin rounds pass_rate'))!);
    try {
      const first = await runCli(['contract', '--base-url', rounding.url, '--api', 'onepin', '--no-stateful', '--report', `baseline=${dir}/baseline.json`]);
      expect(first.code).toBe(1);
      const baseline = JSON.parse(readFileSync(`${dir}/baseline.json`, 'utf8'));
      expect(baseline.format).toBe('flowmock-contract-baseline/1');
      expect(baseline.violations.map((v: { check: string }) => v.check)).toContain('onepin.arithmetic');
      const again = await runCli(['contract', '--base-url', rounding.url, '--api', 'onepin', '--no-stateful', '--baseline', `${dir}/baseline.json`, '--report', `junit=${dir}/junit.xml`]);
      expect(again.code, again.stdout).toBe(0);
      expect(again.stdout).toMatch(/Known violations, accepted by the baseline .*baseline\.json \(\d+\):\n {2}≈ \[onepin\] onepin\.arithmetic: pass_rate is/);
      expect(again.stdout).toMatch(/The baseline .* knows \d+ of the \d+ violations; 0 are new/);
      expect(readFileSync(`${dir}/junit.xml`, 'utf8')).toMatch(/<skipped message="known violations, accepted by the baseline: pass_rate is/);
    } finally {
      await rounding.close();
    }
    const other = await startDefectProxy(base, DEFECTS.find((d) => d.name.startsWith('onepin accepts an inverted range'))!);
    try {
      const result = await runCli(['contract', '--base-url', other.url, '--api', 'onepin', '--no-stateful', '--baseline', `${dir}/baseline.json`]);
      expect(result.code, result.stdout).toBe(1);
      expect(result.stdout).toMatch(/Violations \(\d+ new\):/);
    } finally {
      await other.close();
    }
  });

  it('says in one line how to add Prism when --via-prism finds none, and exits 2', async () => {
    const project = mkdtempSync(join(tmpdir(), 'flowmock-project-'));
    writeFileSync(join(project, 'package.json'), '{"name":"a-project","private":true}');
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [join(ROOT, 'bin/flowmock.js'), 'contract', '--base-url', base, '--via-prism'], { cwd: project, env: { ...process.env, FLOWMOCK_PRISM_CLI: join(project, 'node_modules/@stoplight/prism-cli/dist/index.js') } }, (error, _stdout, stderr) => {
        resolve({ code: error === null ? 0 : Number((error as { code?: number }).code ?? 1), stderr });
      });
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: --via-prism: .*npm i -D @stoplight\/prism-cli@~5\.14/);
  });

  it('exits 2 on a target that is unreachable with --fixtures, and says so (not "responses do not match their schema")', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowmock-fixtures-'));
    const fixtures = JSON.parse(await (await fetch(`${base}/__mock/fixtures`)).text());
    writeFileSync(`${dir}/fixtures.json`, JSON.stringify({ workspaces: fixtures.workspaces }));
    const result = await runCli(['contract', '--base-url', 'http://127.0.0.1:9', '--fixtures', `${dir}/fixtures.json`, '--report', `json=${dir}/report.json`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: the target is unreachable: 3 requests in a row got no answer, none was ever answered \(last: GET http:\/\/127\.0\.0\.1:9\/alloy\/.*ECONNREFUSED/m);
    expect(result.stdout).not.toMatch(/do not match their schema/);
    expect(result.stdout).toMatch(/The run stopped early: the target is unreachable/);
    expect(JSON.parse(readFileSync(`${dir}/report.json`, 'utf8')).aborted.reason).toBe('unreachable');
  });

  it.each([
    ['an unreachable target', ['contract', '--base-url', 'http://127.0.0.1:9'], /^error: the target is unreachable: cannot reach http:\/\/127\.0\.0\.1:9\/__mock\/fixtures: .*ECONNREFUSED/],
    ['a target that is not flowmock, without --fixtures', ['contract', '--base-url', 'http://127.0.0.1:9/x', '--fixtures', '/nonexistent.json'], /--fixtures \/nonexistent\.json/],
    ['an unknown API', ['contract', '--base-url', 'http://127.0.0.1:9', '--api', 'zapier'], /unknown API "zapier"/],
    ['a bad --report', ['contract', '--base-url', 'http://127.0.0.1:9', '--report', 'pdf=x'], /invalid --report "pdf=x"/],
    ['a --report in a folder that does not exist', ['contract', '--base-url', 'http://127.0.0.1:9', '--report', 'html=/nonexistent/r.html'], /--report html=\/nonexistent\/r\.html: the folder \/nonexistent does not exist/],
    ['an unknown --check', ['contract', '--base-url', 'http://127.0.0.1:9', '--check', 'cors,teapot'], /--check "teapot": choose from cors, unsupported-method/],
    ['a bad --deadline', ['contract', '--base-url', 'http://127.0.0.1:9', '--deadline', 'soon'], /invalid --deadline "soon"/],
    ['a --baseline that is not one', ['contract', '--base-url', 'http://127.0.0.1:9', '--baseline', '/dev/null'], /--baseline \/dev\/null: /],
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

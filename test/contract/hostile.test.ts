/**
 * The contract suite against hostile targets (test/contract/hostile/): whatever the target does, the run ends
 * within its time bound, does not crash, gives the exit code the behaviour deserves (1: a wrong target, 2: a
 * target that cannot be checked, and which), names the problem, and keeps its reports small. Short limits
 * keep it quick: each request 500 ms, bodies 1 MiB, the run 20 s. Memory is measured by
 * scripts/contract-hostile.ts, in a process of its own.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractOptions } from '../../src/contract/options.ts';
import { consoleReport } from '../../src/contract/reports/console-report.ts';
import { runContract, type ContractResult } from '../../src/contract/run-contract.ts';
import { appOf, stateFor } from '../helpers/app.ts';
import { DEFAULT } from '../helpers/fixtures.ts';
import { endlessBody } from './hostile/endless-body.ts';
import { flakyReset } from './hostile/flaky-reset.ts';
import { garbage } from './hostile/garbage.ts';
import { hang } from './hostile/hang.ts';
import { hugeBody } from './hostile/huge-body.ts';
import { hugeHeaders } from './hostile/huge-headers.ts';
import { invalidJson } from './hostile/invalid-json.ts';
import { INJECTED, markup } from './hostile/markup.ts';
import { redirect } from './hostile/redirect.ts';
import { reset } from './hostile/reset.ts';
import { schemaFlood } from './hostile/schema-flood.ts';
import type { HostileTarget } from './hostile/server.ts';
import { slowAnswers } from './hostile/slow-answers.ts';
import { slowDrip } from './hostile/slow-drip.ts';
import { stopsAnswering } from './hostile/stops-answering.ts';
import { wrongContentType } from './hostile/wrong-content-type.ts';

let server: Server;
let upstream: string;
let dir: string;
let fixtures: string;

beforeAll(async () => {
  server = appOf(stateFor('default', '2026-11-20T12:00:00Z')).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  upstream = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'flowmock-hostile-'));
  // For targets that answer everything themselves: the ids of the default scenario, every API below the target.
  fixtures = join(dir, 'fixtures.json');
  writeFileSync(fixtures, JSON.stringify({
    workspaces: [
      { id: DEFAULT.acme.workspaceId, name: 'Acme', tokens: [DEFAULT.acme.token], users: [{ id: DEFAULT.acme.users.ada, name: 'Ada', email: 'ada@acme.example' }],
        flows: [{ id: DEFAULT.acme.flows.syncLeads, kind: 'workflow', name: 'Sync', createdAt: '2025-06-02T09:15:00.000Z' }] },
      { id: DEFAULT.globex.workspaceId, name: 'Globex', tokens: ['other'], users: [], flows: [] },
    ],
  }));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const LIMITS = { requestTimeoutMs: 500, maxBodyBytes: 1024 * 1024, deadlineMs: 20_000, stateful: false } as const;

interface Case {
  readonly target: HostileTarget;
  /** Answers everything itself (needs --fixtures), or forwards to flowmock (finds its fixtures there). */
  readonly own: boolean;
  readonly options?: Partial<ContractOptions>;
  readonly exitCode: 0 | 1 | 2;
  readonly outcome: ContractResult['outcome'];
  /** Words that name the problem, in the error line or a violation. */
  readonly says: RegExp;
  readonly withinMs: number;
}

const CASES: Case[] = [
  { target: hang, own: true, exitCode: 2, outcome: 'unreachable', says: /unreachable: 3 requests in a row got no answer.*no answer within 500 ms/, withinMs: 4000 },
  { target: stopsAnswering, own: false, exitCode: 2, outcome: 'stopped-answering', says: /stopped answering: 3 requests in a row got no answer after \d+ answered/, withinMs: 8000 },
  { target: reset, own: true, exitCode: 2, outcome: 'unreachable', says: /unreachable.*(socket hang up|ECONNRESET)/, withinMs: 4000 },
  { target: garbage, own: true, exitCode: 2, outcome: 'unreachable', says: /the answer is not HTTP/, withinMs: 4000 },
  { target: hugeHeaders, own: true, exitCode: 2, outcome: 'unreachable', says: /the answer is not HTTP \(.*[Hh]eader/, withinMs: 4000 },
  { target: slowDrip, own: true, exitCode: 2, outcome: 'unreachable', says: /no complete answer within 500 ms/, withinMs: 4000 },
  { target: flakyReset, own: false, options: { apis: ['onepin', 'b3os'] }, exitCode: 1, outcome: 'failed', says: /no answer: cannot reach .*(socket hang up|ECONNRESET)/, withinMs: 15_000 },
  { target: invalidJson, own: true, exitCode: 1, outcome: 'failed', says: /the body is not valid JSON \(Content-Type application\/json, 34 bytes\)/, withinMs: 10_000 },
  { target: wrongContentType, own: false, options: { apis: ['alloy', 'onepin'] }, exitCode: 1, outcome: 'failed', says: /Content-Type "text\/html; charset=utf-8" is not documented/, withinMs: 10_000 },
  { target: hugeBody, own: true, options: { apis: ['stackai', 'alloy'] }, exitCode: 1, outcome: 'failed', says: /the body is larger than 1048576 bytes \(--max-body-bytes\)/, withinMs: 15_000 },
  { target: endlessBody, own: true, options: { apis: ['alloy'] }, exitCode: 1, outcome: 'failed', says: /the body is larger than 1048576 bytes/, withinMs: 15_000 },
  { target: redirect, own: true, exitCode: 1, outcome: 'failed', says: /→ 302: a redirect to \/alloy\/.* \(redirects are not followed/, withinMs: 10_000 },
  { target: schemaFlood, own: false, exitCode: 1, outcome: 'failed', says: /and \d+ more like it \(stackai\.response-schema/, withinMs: 15_000 },
  { target: markup, own: false, options: { apis: ['alloy', 'stackai'] }, exitCode: 1, outcome: 'failed', says: /<script>/, withinMs: 10_000 },
  { target: slowAnswers, own: false, options: { apis: ['alloy'], maxResponseTimeMs: 100, deadlineMs: 12_000 }, exitCode: 1, outcome: 'failed', says: /took \d+ ms, over --max-response-time 100 ms/, withinMs: 14_000 },
  { target: slowAnswers, own: false, options: { deadlineMs: 3000 }, exitCode: 1, outcome: 'failed', says: /reached its deadline \(--deadline 3000 ms\).*not checked: .*answers took up to \d+ ms/, withinMs: 4500 },
];

describe.each(CASES.map((c) => [`${c.target.name}${c.options?.deadlineMs ? ' (deadline)' : ''}: ${c.target.behaviour}`, c] as const))('a target that %s', (_name, c) => {
  it(`ends in time with exit ${c.exitCode}, names the problem, and keeps its reports small`, async () => {
    const running = await c.target.start(upstream);
    const reports = { json: join(dir, `${c.target.name}.json`), junit: join(dir, `${c.target.name}.xml`), html: join(dir, `${c.target.name}.html`) };
    const started = Date.now();
    try {
      const result = await runContract({ baseUrl: running.url, ...(c.own ? { fixtures } : {}), ...LIMITS, reports, ...c.options });
      const elapsed = Date.now() - started;
      const words = [result.error?.message ?? '', ...(result.report?.violations ?? []).map((v) => v.message)].join('\n');
      expect({ exitCode: result.exitCode, outcome: result.outcome }, words.slice(0, 2000)).toEqual({ exitCode: c.exitCode, outcome: c.outcome });
      expect(words).toMatch(c.says);
      expect(elapsed).toBeLessThan(c.withinMs);
      if (result.report !== undefined) {
        const text = consoleReport(result.report);
        expect(text.length).toBeLessThan(200_000);
        // eslint-disable-next-line no-control-regex -- what must not get through
        expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
        for (const path of Object.values(reports)) expect(readFileSync(path).length, path).toBeLessThan(1_000_000);
        for (const v of result.report.violations) expect(v.message.length).toBeLessThan(1200);
      }
    } finally {
      await running.close();
    }
  });
});

describe('reports of a target that puts markup in its answers', () => {
  it('escape it: the HTML report holds no markup of the target', async () => {
    const running = await markup.start(upstream);
    try {
      const html = join(dir, 'markup-check.html');
      const result = await runContract({ baseUrl: running.url, ...LIMITS, apis: ['alloy'], reports: { html } });
      expect(result.exitCode).toBe(1);
      const page = readFileSync(html, 'utf8');
      expect(page).toContain('&lt;script&gt;document.title=&quot;owned&quot;&lt;/script&gt;');
      expect(page).not.toContain('<script');
      expect(page).not.toContain('<img');
      expect(page).not.toContain(INJECTED.slice(0, 20));
      // eslint-disable-next-line no-control-regex -- what must not get through
      expect(page).not.toMatch(/[\u0000\u001b]/);
    } finally {
      await running.close();
    }
  });
});

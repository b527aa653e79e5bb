/**
 * The contract suite against `prism mock` of our own specs: every response matches its schema (Prism
 * serves the examples), but the documented semantics fail, and the report says why.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES } from '../../src/apis.ts';
import { consoleReport } from '../../src/contract/reports/console-report.ts';
import { runChecks, type ContractReport } from '../../src/contract/runner.ts';
import { resolveTarget } from '../../src/contract/target.ts';
import { loadSpec } from '../../src/openapi/spec-document.ts';
import { freePort, start, waitForOutput, type Running } from '../helpers/child-process.ts';
import { DEFAULT } from '../helpers/fixtures.ts';

const PRISM = fileURLToPath(new URL('../../node_modules/@stoplight/prism-cli/dist/index.js', import.meta.url));
const prisms: Running[] = [];
let report: ContractReport;

beforeAll(async () => {
  const apis: Record<string, string> = {};
  await Promise.all(API_NAMES.map(async (api) => {
    const port = await freePort();
    const prism = start(process.execPath, [PRISM, 'mock', '-h', '127.0.0.1', '-p', String(port), loadSpec(api).file]);
    prisms.push(prism);
    await waitForOutput(prism, /Prism is listening/);
    apis[api] = `http://127.0.0.1:${port}`;
  }));
  const fixtures = {
    scenario: { name: 'prism', seed: 0 },
    now: '2026-11-20T12:00:00.000Z',
    apis,
    workspaces: [
      { id: DEFAULT.acme.workspaceId, name: 'Acme', tokens: ['prism-accepts-any-token'], users: [{ id: DEFAULT.acme.users.ada, name: 'Ada', email: 'ada@acme.example' }],
        flows: [{ id: DEFAULT.acme.flows.syncLeads, kind: 'workflow', name: 'Sync', createdAt: '2025-06-02T09:15:00.000Z' }] },
      { id: DEFAULT.globex.workspaceId, name: 'Globex', tokens: ['other'], users: [], flows: [] },
    ],
  };
  const file = join(mkdtempSync(join(tmpdir(), 'flowmock-contract-')), 'fixtures.json');
  writeFileSync(file, JSON.stringify(fixtures));
  report = await runChecks(await resolveTarget({ baseUrl: 'http://127.0.0.1:9', fixturesFile: file }));
});
afterAll(() => Promise.all(prisms.map((p) => p.stop())));

describe('the contract suite against prism mock of our specs', () => {
  it('finds every successful response well-formed: no schema violation', () => {
    expect(report.violations.filter((v) => v.kind === 'schema').map((v) => v.message)).toEqual([]);
  });

  it('finds the documented semantics broken (Alloy: totals a static mock cannot contradict, but no 404 for an unknown workflow)', () => {
    const semantic = report.violations.filter((v) => v.kind === 'semantic');
    for (const api of API_NAMES.filter((a) => a !== 'alloy')) expect(semantic.filter((v) => v.api === api).length, api).toBeGreaterThan(0);
    expect(report.violations.some((v) => v.api === 'alloy' && /an unknown workflow.*should be refused with 404.*got 200/.test(v.message))).toBe(true);
    expect(semantic.map((v) => v.check)).toEqual(expect.arrayContaining(['stackai.pages-disjoint', 'b3os.stats', 'multiplai.daily-buckets']));
  });

  it('explains it: well-formed answers that ignore the request, as a static mock gives; and never contradicts what it lists', () => {
    const text = report.diagnosis.join(' ');
    expect(text).toMatch(/Every successful response matches its schema .* but \d+ semantic checks fail \(\d+ violations\).*static mock \(such as Prism/);
    // Prism answers some errors in its own shape (a 405 as application/problem+json, Multiplai's 400 without "message"):
    // the diagnosis counts them, and does not claim that every response matches.
    const envelopes = report.violations.filter((v) => v.check.endsWith('.error-envelope'));
    const count = envelopes.reduce((n, v) => n + (v.more ?? 1), 0);
    expect(count).toBeGreaterThan(0);
    expect(text).not.toMatch(/Every response matches/);
    expect(text).toContain(`${count} error answer${count === 1 ? ' is' : 's are'} not in the vendor's documented error envelope`);
    for (const [kind, words] of [['auth', /\d+ credential checks fail/], ['negative', /\d+ invalid requests were not refused/]] as const) {
      if (report.violations.some((v) => v.kind === kind && !v.check.endsWith('.error-envelope'))) expect(text).toMatch(words);
    }
    expect(consoleReport(report)).toMatch(/✗ stackai/);
  });

  it('sees that a static mock accepts any token', () => {
    expect(report.violations.some((v) => v.kind === 'auth' && /an unknown token.*got 200/.test(v.message))).toBe(true);
  });
});

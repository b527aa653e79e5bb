/**
 * The contract suite as a vitest suite, against any live target:
 *   CONTRACT_BASE_URL=http://127.0.0.1:4010 npm run test:contract
 * Optional: CONTRACT_APIS=alloy,b3os  CONTRACT_TOKEN=...  CONTRACT_FIXTURES=fixtures.json  CONTRACT_STATEFUL=0
 * One test per check, failing with every violation that check found.
 */
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/contract/runner.ts';
import { resolveTarget } from '../../src/contract/target.ts';

const baseUrl = process.env.CONTRACT_BASE_URL;
if (baseUrl === undefined || baseUrl === '') {
  throw new Error('Set CONTRACT_BASE_URL to the target, e.g. CONTRACT_BASE_URL=http://127.0.0.1:4010 npm run test:contract');
}

const target = await resolveTarget({
  baseUrl,
  ...(process.env.CONTRACT_APIS ? { apis: process.env.CONTRACT_APIS.split(',') } : {}),
  ...(process.env.CONTRACT_TOKEN ? { token: process.env.CONTRACT_TOKEN } : {}),
  ...(process.env.CONTRACT_FIXTURES ? { fixturesFile: process.env.CONTRACT_FIXTURES } : {}),
});
const report = await runChecks(target, { stateful: process.env.CONTRACT_STATEFUL !== '0' });

for (const api of report.apis) {
  describe(`${api} (${baseUrl})`, () => {
    const names = [...new Set(report.checks.filter((c) => c.api === api).map((c) => `${c.kind}: ${c.check}`))];
    it.each(names)('%s', (name) => {
      const found = report.violations.filter((v) => v.api === api && `${v.kind}: ${v.check}` === name);
      expect(found.map((v) => `${v.message}${v.request ? `\n    ${v.request.method} ${v.request.url}` : ''}`)).toEqual([]);
    });
  });
}

/**
 * `--check unsupported-method` (opt-in): a method the operation's path does not answer gets 405 with an
 * `Allow` header listing exactly the methods that do answer (RFC 9110 §15.5.6): the spec's methods for that
 * path, plus HEAD wherever GET is (§9.3.2). OPTIONS may be listed (a CORS preflight answers it) but is not
 * required. Each method listed must answer (not 405), and each method not listed must be refused with 405.
 */
import { toCall, type Baseline } from '../baseline.ts';
import { recordRequest, type CheckContext } from '../context.ts';
import { loadSpec } from '../../openapi/spec-document.ts';

const PROBED = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export async function runUnsupportedMethodCheck(ctx: CheckContext, baseline: Baseline): Promise<void> {
  await ctx.check('operational', `${ctx.api}.unsupported-method`, async () => {
    const documented = new Set(loadSpec(ctx.api).operations().filter((o) => o.path === ctx.op.path).map((o) => o.method.toUpperCase()));
    if (documented.has('GET')) documented.add('HEAD');
    const expected = PROBED.filter((m) => documented.has(m));
    const { url, headers } = ctx.prepare(toCall(ctx.op, baseline));
    for (const method of PROBED.filter((m) => !documented.has(m))) {
      const send = { ...headers, 'content-type': 'application/json' };
      const response = await ctx.send({ method, url: url.href, headers: send, body: '{}' });
      const request = recordRequest(method, url.href, send, '{}');
      const where = `${method} ${url.pathname}`;
      if (!ctx.expect(response.status === 405, `${where} (not documented for this path) answered ${response.status}, expected 405 Method Not Allowed${response.status === 404 ? ' (404 says the resource does not exist; it does)' : ''}`, { request, expected: 405, actual: response.status })) continue;
      const allow = (response.headers.allow ?? '').split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
      const missing = expected.filter((m) => !allow.includes(m));
      const extra = allow.filter((m) => !expected.includes(m as (typeof PROBED)[number]) && m !== 'OPTIONS');
      ctx.expect(response.headers.allow !== undefined && missing.length === 0 && extra.length === 0,
        `${where} answered 405 with ${response.headers.allow === undefined ? 'no Allow header' : `Allow: ${response.headers.allow}`}; it must list exactly the methods that answer: ${expected.join(', ')}${missing.length > 0 ? ` (missing ${missing.join(', ')})` : ''}${extra.length > 0 ? ` (${extra.join(', ')} not documented)` : ''}`,
        { request, expected: expected.join(', '), actual: response.headers.allow ?? null });
    }
    for (const method of expected.filter((m) => m !== ctx.op.method.toUpperCase())) {
      const response = await ctx.send({ method, url: url.href, headers });
      ctx.expect(response.status !== 405 && response.status !== 501, `${method} ${url.pathname} answered ${response.status}, but ${method} ${method === 'HEAD' ? 'must answer wherever GET does (RFC 9110 §9.3.2)' : 'is documented'}`,
        { request: recordRequest(method, url.href, headers), expected: 'not 405', actual: response.status });
    }
  });
}

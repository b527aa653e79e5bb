/**
 * `--check cors` (opt-in): a page on another origin can call the API from a browser. As a browser does it:
 *
 * 1. the preflight (`OPTIONS` with `Origin`, `Access-Control-Request-Method` and the request's non-safelisted
 *    headers) succeeds (2xx) and allows that origin, that method and each of those headers (`*` does not
 *    cover `Authorization`, Fetch standard §3.2.5);
 * 2. the request itself, sent with `Origin`, carries `Access-Control-Allow-Origin` for that origin and exposes
 *    every response header the spec documents for it (beyond the CORS-safelisted ones);
 * 3. a refusal (no credentials: 401) carries `Access-Control-Allow-Origin` too, or the page cannot read why.
 */
import { toCall, type Baseline } from '../baseline.ts';
import { recordRequest, type CheckContext } from '../context.ts';

const ORIGIN = 'https://dashboard.flowmock-contract.example';
/** Response headers a page reads without their being exposed (Fetch standard). */
const SAFELISTED_RESPONSE = new Set(['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma']);
/** Request headers a browser sends without a preflight asking for them. */
const SAFELISTED_REQUEST = new Set(['accept', 'accept-language', 'content-language']);

export async function runCorsCheck(ctx: CheckContext, baseline: Baseline): Promise<void> {
  await ctx.check('operational', `${ctx.api}.cors`, async () => {
    const { url, method, headers } = ctx.prepare(toCall(ctx.op, baseline));
    const asked = Object.keys(headers).map((h) => h.toLowerCase()).filter((h) => !SAFELISTED_REQUEST.has(h)).sort();
    const preflightHeaders = { origin: ORIGIN, 'access-control-request-method': method, ...(asked.length === 0 ? {} : { 'access-control-request-headers': asked.join(',') }) };
    const preflight = await ctx.send({ method: 'OPTIONS', url: url.href, headers: { ...ctx.target.headers, ...preflightHeaders } });
    const preflightRequest = recordRequest('OPTIONS', url.href, preflightHeaders);
    const where = `the preflight OPTIONS ${url.pathname} from ${ORIGIN} asking for ${method}${asked.length === 0 ? '' : ` with ${asked.join(', ')}`}`;
    if (ctx.expect(preflight.status >= 200 && preflight.status < 300, `${where} answered ${preflight.status}; a browser then refuses the call`, { request: preflightRequest, expected: '2xx', actual: preflight.status })) {
      allowsOrigin(ctx, preflight.headers, where, preflightRequest);
      const methods = list(preflight.headers['access-control-allow-methods']);
      ctx.expect(methods.includes(method.toLowerCase()) || methods.includes('*') || ['GET', 'HEAD', 'POST'].includes(method),
        `${where}: Access-Control-Allow-Methods "${preflight.headers['access-control-allow-methods'] ?? ''}" does not allow ${method}`, { request: preflightRequest, expected: method, actual: preflight.headers['access-control-allow-methods'] ?? null });
      const allowed = list(preflight.headers['access-control-allow-headers']);
      const missing = asked.filter((h) => !allowed.includes(h) && (h === 'authorization' || !allowed.includes('*')));
      ctx.expect(missing.length === 0, `${where}: Access-Control-Allow-Headers "${preflight.headers['access-control-allow-headers'] ?? ''}" does not allow ${missing.join(', ')}${missing.includes('authorization') ? ' (a "*" does not cover Authorization)' : ''}`,
        { request: preflightRequest, expected: asked.join(', '), actual: preflight.headers['access-control-allow-headers'] ?? null });
    }

    const actual = await ctx.send({ method, url: url.href, headers: { ...headers, origin: ORIGIN } });
    const actualRequest = recordRequest(method, url.href, { ...headers, origin: ORIGIN });
    const call = `${method} ${url.pathname} from ${ORIGIN}`;
    if (allowsOrigin(ctx, actual.headers, `${call} (answered ${actual.status})`, actualRequest)) {
      const documented = Object.keys(ctx.op.responses[String(actual.status)]?.headers ?? {}).map((h) => h.toLowerCase()).filter((h) => !SAFELISTED_RESPONSE.has(h));
      const exposed = list(actual.headers['access-control-expose-headers']);
      const hidden = documented.filter((h) => !exposed.includes(h) && !exposed.includes('*'));
      ctx.expect(hidden.length === 0, `${call}: the spec documents the response headers ${hidden.join(', ')} but Access-Control-Expose-Headers "${actual.headers['access-control-expose-headers'] ?? ''}" hides them from the page`, { request: actualRequest, expected: documented.join(', '), actual: actual.headers['access-control-expose-headers'] ?? null });
    }

    const anonymous: Record<string, string> = { ...headers, origin: ORIGIN };
    delete anonymous.authorization;
    const refused = await ctx.send({ method, url: url.href, headers: anonymous });
    allowsOrigin(ctx, refused.headers, `${call} without credentials (answered ${refused.status}): a page must be able to read the refusal, so`, recordRequest(method, url.href, anonymous));
  });
}

function allowsOrigin(ctx: CheckContext, headers: Readonly<Record<string, string | undefined>>, where: string, request: ReturnType<typeof recordRequest>): boolean {
  const allowed = headers['access-control-allow-origin'];
  return ctx.expect(allowed === '*' || allowed === ORIGIN, `${where}: Access-Control-Allow-Origin is ${allowed === undefined ? 'missing' : `"${allowed}"`}, expected "${ORIGIN}" or "*"`, { request, expected: ORIGIN, actual: allowed ?? null });
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);
}

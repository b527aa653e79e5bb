/**
 * Real Prism (`prism proxy`) in front of a real flowmock listener, as a second, independent judge of
 * every operation and error case: requests the spec allows must pass `--errors` untouched, and for
 * requests that break the spec on purpose, Prism may flag the request but never our response.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES, type ApiName } from '../../src/apis.ts';
import { loadSpec } from '../../src/openapi/spec-document.ts';
import { freePort, start, waitForOutput, type Running } from '../helpers/child-process.ts';
import { httpRequest } from '../helpers/http.ts';
import { stateFor, appOf } from '../helpers/app.ts';
import { PROXY_CASES } from './prism-proxy-cases.ts';

const PRISM = fileURLToPath(new URL('../../node_modules/@stoplight/prism-cli/dist/index.js', import.meta.url));

interface Violation {
  readonly location: string[];
  readonly message: string;
}

let server: Server;
let upstream: string;

beforeAll(async () => {
  server = appOf(stateFor('edge-cases')).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  upstream = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function startProxy(api: ApiName, errors: boolean): Promise<{ prism: Running; base: string }> {
  const port = await freePort();
  const prism = start(process.execPath, [
    PRISM, 'proxy', '-h', '127.0.0.1', '-p', String(port), ...(errors ? ['--errors'] : []),
    loadSpec(api).file, `${upstream}/${api}`,
  ]);
  await waitForOutput(prism, /Prism is listening/);
  return { prism, base: `http://127.0.0.1:${port}` };
}

function violations(headers: Record<string, string | string[] | undefined>): Violation[] {
  const raw = headers['sl-violations'];
  return typeof raw === 'string' ? (JSON.parse(raw) as Violation[]) : [];
}

describe.each(API_NAMES.filter((api) => PROXY_CASES[api].length > 0))('prism proxy in front of /%s', (api) => {
  const cases = PROXY_CASES[api];
  let strict: { prism: Running; base: string };
  let lenient: { prism: Running; base: string };

  beforeAll(async () => {
    [strict, lenient] = await Promise.all([startProxy(api, true), startProxy(api, false)]);
  });
  afterAll(async () => {
    await Promise.all([strict?.prism.stop(), lenient?.prism.stop()]);
  });

  it.each(cases.filter((c) => c.validRequest).map((c) => [c.name, c] as const))(
    'passes --errors untouched: %s', async (_name, c) => {
      const direct = await httpRequest(`${upstream}/${api}${c.path}`, c.init);
      const proxied = await httpRequest(`${strict.base}${c.path}`, c.init);
      expect(violations(proxied.headers), proxied.text).toEqual([]);
      expect(proxied.status, proxied.text).toBe(c.status);
      expect(direct.status).toBe(c.status);
      if (c.comparableBody !== false) expect(proxied.json).toEqual(direct.json);
    },
  );

  it.each(cases.map((c) => [c.name, c] as const))('raises no response violation: %s', async (_name, c) => {
    const proxied = await httpRequest(`${lenient.base}${c.path}`, c.init);
    expect(proxied.status, proxied.text).toBe(c.status);
    const responseViolations = violations(proxied.headers).filter((v) => v.location[0] === 'response');
    expect(responseViolations, proxied.text).toEqual([]);
  });
});

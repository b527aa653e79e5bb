/**
 * One log line per request, through the core's logger hook, as `flowmock serve` writes it (pino, JSON):
 * method, path, status, ms, request id; no credential ever (headers are not logged, query credentials are
 * redacted); `--log-level warn` silences them; a handler that throws logs its stack with the request id.
 */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createServerLog, type LogFormat, type LogLevel } from '../../src/server/request-log.ts';
import { startServer, type RunningServer } from '../../src/server/start-server.ts';
import { httpRequest } from '../helpers/http.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const ADMIN_TOKEN = 'admin-s3cret-token';

function memory() {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk: Buffer, _encoding, done) { chunks.push(chunk.toString()); done(); } });
  return { stream, text: () => chunks.join(''), lines: () => chunks.join('').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function serve(level: LogLevel = 'info', format: LogFormat = 'json') {
  const out = memory();
  const logger = await createServerLog({ level, format, destination: out.stream });
  running = await startServer({ scenario: 'default', now: NOW, adminToken: ADMIN_TOKEN, logger });
  const fixtures = (await httpRequest(`${running.url}/__mock/fixtures`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json as { workspaces: { tokens: string[]; flows: { id: string }[] }[] };
  return { out, url: running.url, token: fixtures.workspaces[0]!.tokens[0]!, flow: fixtures.workspaces[0]!.flows[0]!.id };
}

describe('request logs', () => {
  it('one JSON line per request: method, path, status, ms, request id, API', async () => {
    const { out, url, token, flow } = await serve();
    const answer = await httpRequest(`${url}/onepin/api/v1/workflows/${flow}/runs/summary?from=2026-11-01T00:00:00Z`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    const line = out.lines().find((entry) => entry.reqId === answer.headers['x-request-id']);
    expect(line).toMatchObject({ level: 30, msg: 'request', method: 'GET', path: `/onepin/api/v1/workflows/${flow}/runs/summary`, query: 'from=2026-11-01T00:00:00Z', status: 200, api: 'onepin' });
    expect(typeof line!.ms).toBe('number');
    expect(typeof line!.time).toBe('string');
    // Every request of the test (fixtures, the summary) has its line.
    expect(out.lines().filter((entry) => entry.msg === 'request').map((entry) => entry.status)).toEqual([200, 200]);
  });

  it('logs admin answers, refusals and paths off the mounts too, each with its request id', async () => {
    const { out, url } = await serve();
    const refused = await httpRequest(`${url}/__mock/fixtures`);
    const missing = await httpRequest(`${url}/nowhere`, { method: 'POST', body: 'x' });
    const refusedWithBody = await httpRequest(`${url}/__mock/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    for (const [answer, status, path] of [[refused, 401, '/__mock/fixtures'], [missing, 404, '/nowhere'], [refusedWithBody, 401, '/__mock/runs']] as const) {
      expect(answer.status).toBe(status);
      expect(out.lines().find((entry) => entry.reqId === answer.headers['x-request-id'])).toMatchObject({ path, status });
    }
  });

  it('never logs a credential: no header, and query credentials redacted', async () => {
    const { out, url, token, flow } = await serve();
    const secrets = ['q-token-value-1', 'q-api-key-value-2', 'cookie-value-3', 'q-access-token-4', 'q-password-5'];
    await httpRequest(`${url}/onepin/api/v1/workflows/${flow}/runs/summary?token=${secrets[0]}&api_key=${secrets[1]}&access_token=${secrets[3]}&password=${secrets[4]}&from=2026-11-01T00:00:00Z`, {
      headers: { authorization: `Bearer ${token}`, cookie: `session=${secrets[2]}`, 'x-api-key': secrets[1]! },
    });
    await httpRequest(`${url}/__mock/health`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    await httpRequest(`${url}/somewhere?api%5Fkey=${secrets[1]}`, { headers: { authorization: `Bearer ${token}` } });
    const text = out.text();
    for (const secret of [...secrets, token, ADMIN_TOKEN]) expect(text).not.toContain(secret);
    expect(text).toContain('token=[redacted]&api_key=[redacted]&access_token=[redacted]&password=[redacted]&from=2026-11-01T00:00:00Z');
    expect(text).toContain('api%5Fkey=[redacted]');
  });

  it('--log-level warn silences the request lines', async () => {
    const { out, url } = await serve('warn');
    await httpRequest(`${url}/__mock/health`);
    await httpRequest(`${url}/nowhere`);
    expect(out.text()).toBe('');
  });

  it('a handler that throws: an error line with the stack and the request id of the 500, and its request line', async () => {
    const { out, url } = await serve();
    running!.state.dataset.counts = () => {
      throw new RangeError('boom in the counts');
    };
    const answer = await httpRequest(`${url}/__mock/health`);
    expect(answer.status).toBe(500);
    const requestId = answer.headers['x-request-id'];
    const error = out.lines().find((entry) => entry.level === 50);
    expect(error).toMatchObject({ msg: 'unexpected error', requestId });
    expect((error!.err as { stack: string }).stack).toMatch(/RangeError: boom in the counts\n\s+at /);
    expect(out.lines().find((entry) => entry.msg === 'request' && entry.reqId === requestId)).toMatchObject({ status: 500 });
  });

  it('pretty for a person: the request on one line, no JSON', async () => {
    const { out, url } = await serve('info', 'pretty');
    const answer = await httpRequest(`${url}/nowhere?token=abc`);
    const line = out.text().split('\n').find((text) => text.includes('/nowhere'));
    expect(line).toMatch(new RegExp(`INFO.*: GET /nowhere\\?token=\\[redacted\\] 404 [\\d.]+ ms\\s+${answer.headers['x-request-id'] as string}$`));
  });
});

/**
 * An unexpected error (a bug) is answered with a 500 in the right envelope naming a correlation id, and
 * the logger hook gets one line with the same id and the stack: nothing is lost between the two.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/logger.ts';
import { appOf, stateFor } from '../helpers/app.ts';

const NOW = '2026-11-20T12:00:00Z';

/** What the logger hears, but the one record per request (test/server/request-log.test.ts has those). */
function recordingLogger() {
  const lines: { level: string; details: Record<string, unknown>; message: string }[] = [];
  const at = (level: string) => (details: object, message: string) => {
    if (message !== 'request') lines.push({ level, details: details as Record<string, unknown>, message });
  };
  const logger: Logger = { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
  return { logger, lines };
}

describe('an unexpected error', () => {
  it('on a vendor API: a 500 in its envelope, and a log line with the stack and the same request id', async () => {
    const state = stateFor('default', NOW);
    const { logger, lines } = recordingLogger();
    const app = appOf(state, { logger });
    const { workspaces } = (await request(app).get('/__mock/fixtures')).body as { workspaces: { tokens: string[]; flows: { id: string }[] }[] };
    // A bug in the domain, as a vendor view meets it.
    state.dataset.workspaceForToken = () => {
      throw new TypeError('boom in the dataset');
    };
    const res = await request(app).get(`/onepin/api/v1/workflows/${workspaces[0]!.flows[0]!.id}/runs/summary`).set('authorization', `Bearer ${workspaces[0]!.tokens[0]}`);
    expect(res.status).toBe(500);
    const requestId = res.headers['x-request-id'] as string;
    expect(res.body).toMatchObject({ error: { code: 'INTERNAL_ERROR' }, meta: { request_id: requestId } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', message: 'unexpected error', details: { requestId, api: 'onepin' } });
    expect((lines[0]!.details.err as { stack: string }).stack).toMatch(/TypeError: boom in the dataset\n\s+at /);
  });

  it('on the admin API: a problem naming the correlation id, which the log line carries', async () => {
    const state = stateFor('empty', NOW);
    const { logger, lines } = recordingLogger();
    const app = appOf(state, { logger });
    state.dataset.counts = () => {
      throw new RangeError('boom in the counts');
    };
    const res = await request(app).get('/__mock/health');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const requestId = res.headers['x-request-id'] as string;
    expect(res.body.detail).toContain(`correlation id ${requestId}`);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.details).toMatchObject({ requestId, path: '/__mock/health' });
    expect((lines[0]!.details.err as { stack: string }).stack).toMatch(/RangeError: boom in the counts/);
  });

  it('is not logged when the request was merely bad', async () => {
    const { logger, lines } = recordingLogger();
    const app = appOf(stateFor('empty', NOW), { logger });
    expect((await request(app).get('/onepin/api/v1/workflows/x/runs/summary')).status).toBe(401);
    expect((await request(app).post('/__mock/runs').set('content-type', 'application/json').send('{')).status).toBe(400);
    expect(lines).toEqual([]);
  });
});

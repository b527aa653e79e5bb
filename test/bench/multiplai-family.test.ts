/**
 * The benchmark's uncached Multiplai family must never be answered from flowmock's 300 s response cache: each
 * query is a different entry as the cache sees it (after the API normalises it), and there are more of them
 * than the cache keeps, so that cycling through them in order (the soak does) still computes every answer.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allMixes, MULTIPLAI_FAMILY_SIZE, type Fixtures } from '../../bench/mixes.ts';
import { ClockCache } from '../../src/apis/multiplai/clock-cache.ts';
import { FlowmockCore } from '../../src/core/flowmock-core.ts';
import type { CoreRequest, CoreResponse } from '../../src/core/http-message.ts';
import { stateFor } from '../helpers/app.ts';

const encoder = new TextEncoder();

function coreRequest(method: string, path: string, headers: Readonly<Record<string, string>>, body?: string): CoreRequest {
  const [pathname = path, query = ''] = path.split('?');
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const bytes = body === undefined ? undefined : encoder.encode(body);
  return { method, path: pathname, query, headers: bytes === undefined ? lower : { ...lower, 'content-length': String(bytes.length) }, ...(bytes === undefined ? {} : { body: bytes }) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('bench: the uncached Multiplai family', () => {
  it('is computed every time, cycled twice in order', () => {
    const core = new FlowmockCore(stateFor('default', '2026-11-20T12:00:00Z'));
    const fixtures = JSON.parse((core.handle(coreRequest('GET', '/__mock/fixtures', {})) as CoreResponse).body as string) as Fixtures;
    const mix = allMixes(fixtures).find((m) => m.id === 'multiplai-uncached');
    expect(mix?.variant?.count).toBe(MULTIPLAI_FAMILY_SIZE);
    const get = vi.spyOn(ClockCache.prototype, 'get');
    let answered = 0;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < MULTIPLAI_FAMILY_SIZE; i++) {
        const request = mix!.variant!.at(i);
        const response = core.handle(coreRequest(request.method, `/multiplai${request.path}`, request.headers, request.body)) as CoreResponse;
        if (response.status !== 200) throw new Error(`query ${i} answered ${response.status}: ${String(response.body)}`);
        answered++;
      }
    }
    expect(get).toHaveBeenCalledTimes(answered);
    const hits = get.mock.results.filter((result) => result.value !== undefined).length;
    expect(hits).toBe(0);
  });
});

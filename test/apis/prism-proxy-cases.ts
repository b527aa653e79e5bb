/**
 * The traffic sent through Prism for each API: every operation's success cases and every documented
 * error case, against the edge-cases scenario.
 */
import type { ApiName } from '../../src/apis.ts';

export interface ProxyCase {
  readonly name: string;
  /** Below the API's mount. */
  readonly path: string;
  readonly init: { method?: string; headers?: Record<string, string>; body?: string };
  readonly status: number;
  /** A request the spec allows (Prism's --errors must let it through). */
  readonly validRequest: boolean;
  /** False when bodies carry per-request values (request ids). */
  readonly comparableBody?: boolean;
}

const EDGE = 'Bearer fm_edge_0123456789abcdef';
const flow = (n: string) => `f0000000-0000-4000-8000-0000000000${n}`;

const alloy: ProxyCase[] = [
  ...['01', '02', '03', '04'].map((n) => ({
    name: `analytics of flow ${n}`, path: `/workflows/${flow(n)}/analytics`,
    init: { headers: { authorization: EDGE, 'x-api-version': '2025-09' } }, status: 200, validRequest: true,
  })),
  { name: 'unknown workflow', path: `/workflows/${flow('ee')}/analytics`, init: { headers: { authorization: EDGE, 'x-api-version': '2025-09' } }, status: 404, validRequest: true },
  { name: 'future workflow', path: `/workflows/${flow('05')}/analytics`, init: { headers: { authorization: EDGE, 'x-api-version': '2025-09' } }, status: 404, validRequest: true },
  { name: 'unknown token', path: `/workflows/${flow('01')}/analytics`, init: { headers: { authorization: 'Bearer fm_nobody_00000000', 'x-api-version': '2025-09' } }, status: 401, validRequest: true },
  { name: 'no x-api-version', path: `/workflows/${flow('01')}/analytics`, init: { headers: { authorization: EDGE } }, status: 400, validRequest: false },
  { name: 'old x-api-version', path: `/workflows/${flow('01')}/analytics`, init: { headers: { authorization: EDGE, 'x-api-version': '2024-07' } }, status: 400, validRequest: false },
  { name: 'no credentials', path: `/workflows/${flow('01')}/analytics`, init: { headers: { 'x-api-version': '2025-09' } }, status: 401, validRequest: false },
];

export const PROXY_CASES: Record<ApiName, ProxyCase[]> = {
  alloy,
  stackai: [],
  onepin: [],
  b3os: [],
  multiplai: [],
};

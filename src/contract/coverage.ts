/**
 * What the suite exercised: operations, status codes per operation, parameters; what it never reached; and
 * how long the target took to answer (always reported, judged only with `--max-response-time`).
 */
import type { ApiName } from '../apis.ts';
import { loadSpec } from '../openapi/spec-document.ts';

export interface OperationCoverage {
  readonly api: ApiName;
  readonly operation: string;
  readonly requests: number;
  readonly statusesSeen: number[];
  readonly statusesDocumented: string[];
  /** Documented statuses (not `default`) no request produced. */
  readonly statusesNeverSeen: string[];
  readonly parametersExercised: string[];
  readonly parametersNeverExercised: string[];
}

/** Response times of one API's requests. */
export interface ApiTiming {
  readonly api: ApiName;
  readonly requests: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  /** The slowest request, `METHOD path?query`. */
  readonly slowest?: string;
}

export class CoverageRecorder {
  readonly #seen = new Map<string, { statuses: Set<number>; parameters: Set<string>; requests: number }>();
  readonly #times = new Map<ApiName, { durations: number[]; slowest: string; max: number }>();

  record(api: ApiName, operation: string, status: number, parameters: readonly string[], durationMs?: number, request?: string): void {
    const key = `${api} ${operation}`;
    let entry = this.#seen.get(key);
    if (entry === undefined) this.#seen.set(key, (entry = { statuses: new Set(), parameters: new Set(), requests: 0 }));
    entry.requests++;
    entry.statuses.add(status);
    for (const p of parameters) entry.parameters.add(p);
    if (durationMs !== undefined) {
      let times = this.#times.get(api);
      if (times === undefined) this.#times.set(api, (times = { durations: [], slowest: '', max: -1 }));
      times.durations.push(durationMs);
      if (durationMs > times.max) {
        times.max = durationMs;
        times.slowest = (request ?? '').slice(0, 300);
      }
    }
  }

  timing(apis: readonly ApiName[]): ApiTiming[] {
    return apis.flatMap((api) => {
      const times = this.#times.get(api);
      if (times === undefined || times.durations.length === 0) return [];
      const sorted = Float64Array.from(times.durations).sort();
      const at = (q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number) * 10) / 10;
      return [{ api, requests: sorted.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: Math.round(times.max * 10) / 10, slowest: times.slowest }];
    });
  }

  report(apis: readonly ApiName[]): OperationCoverage[] {
    return apis.flatMap((api) => loadSpec(api).operations().map((op): OperationCoverage => {
      const entry = this.#seen.get(`${api} ${op.operationId}`);
      const documented = Object.keys(op.responses);
      const statuses = [...(entry?.statuses ?? [])].sort((a, b) => a - b);
      const parameters = op.parameters.map((p) => `${p.in}:${p.name}`);
      return {
        api,
        operation: op.operationId,
        requests: entry?.requests ?? 0,
        statusesSeen: statuses,
        statusesDocumented: documented,
        statusesNeverSeen: documented.filter((code) => code !== 'default' && !statuses.includes(Number(code))),
        parametersExercised: parameters.filter((p) => entry?.parameters.has(p)),
        parametersNeverExercised: parameters.filter((p) => !entry?.parameters.has(p)),
      };
    }));
  }
}

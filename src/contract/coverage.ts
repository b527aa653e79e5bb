/** What the suite exercised: operations, status codes per operation, parameters; and what it never reached. */
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

export class CoverageRecorder {
  readonly #seen = new Map<string, { statuses: Set<number>; parameters: Set<string>; requests: number }>();

  record(api: ApiName, operation: string, status: number, parameters: readonly string[]): void {
    const key = `${api} ${operation}`;
    let entry = this.#seen.get(key);
    if (entry === undefined) this.#seen.set(key, (entry = { statuses: new Set(), parameters: new Set(), requests: 0 }));
    entry.requests++;
    entry.statuses.add(status);
    for (const p of parameters) entry.parameters.add(p);
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

/**
 * Fault rules (PUT /__mock/faults): latency, fixed or in a range, and/or an error status, at a rate, per
 * API, route and method. Deterministic: draws come from a generator seeded by the scenario seed and
 * restarted whenever the rules change, so the same seed and the same request sequence give the same faults.
 */
import { pathTemplateSource } from './path-template.ts';
import type { ApiName } from '../apis.ts';
import { Random } from '../domain/random.ts';

export type FaultApi = ApiName;

export interface FaultRuleInput {
  readonly id?: string;
  readonly api?: FaultApi;
  /** A path prefix below the API's mount, or a vendor path template (`/workflows/{workflowId}/analytics`). */
  readonly route?: string;
  readonly method?: string;
  readonly latencyMs?: number | { readonly min: number; readonly max: number };
  /** The error status to answer with, in that API's envelope. */
  readonly status?: number;
  readonly message?: string;
  /** Share of matching requests it applies to (0–1, default 1). */
  readonly rate?: number;
}

export interface FaultRule extends FaultRuleInput {
  readonly id: string;
  readonly rate: number;
  /** How many requests it was applied to. */
  applied: number;
}

export interface FaultDecision {
  readonly rule: FaultRule;
  readonly latencyMs: number;
  readonly status?: number;
  readonly message?: string;
}

export class FaultRules {
  #rules: FaultRule[] = [];
  #random: Random;
  readonly #seed: string;

  constructor(seed: number) {
    this.#seed = `${seed}:faults`;
    this.#random = new Random(this.#seed);
  }

  get rules(): readonly FaultRule[] {
    return this.#rules;
  }

  replace(inputs: readonly FaultRuleInput[]): readonly FaultRule[] {
    this.#rules = inputs.map((input, i) => ({ ...input, id: input.id ?? `rule-${i + 1}`, rate: input.rate ?? 1, applied: 0 }));
    this.#random = new Random(this.#seed);
    return this.#rules;
  }

  clear(): void {
    this.replace([]);
  }

  /**
   * The fault for a request, if any: rules are tried in order, each matching one takes a draw, and the
   * first whose draw falls under its rate applies (a latency range takes one more draw).
   */
  decide(api: FaultApi, method: string, path: string): FaultDecision | undefined {
    for (const rule of this.#rules) {
      if (!ruleMatches(rule, api, method, path)) continue;
      if (this.#random.next() >= rule.rate) continue;
      rule.applied++;
      const latency = rule.latencyMs;
      const latencyMs = latency === undefined ? 0 : typeof latency === 'number' ? latency : latency.min + Math.floor(this.#random.next() * (latency.max - latency.min + 1));
      return {
        rule,
        latencyMs,
        ...(rule.status === undefined ? {} : { status: rule.status }),
        ...(rule.message === undefined ? {} : { message: rule.message }),
      };
    }
    return undefined;
  }
}

function ruleMatches(rule: FaultRule, api: FaultApi, method: string, path: string): boolean {
  if (rule.api !== undefined && rule.api !== api) return false;
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.route !== undefined) {
    if (!new RegExp(`^${pathTemplateSource(rule.route)}`).test(path)) return false;
  }
  return true;
}

/** What the suite knows of one API: its operation, a valid request, its error cases, its semantics. */
import type { ApiName } from '../../apis.ts';
import type { Baseline } from '../baseline.ts';
import type { AuthCase } from '../checks/auth.ts';
import type { NegativeCase } from '../checks/negative.ts';
import type { CheckContext } from '../context.ts';

export interface ContractApi {
  readonly name: ApiName;
  readonly operationId: string;
  /** The status the spec documents for a request that breaks a parameter rule. */
  readonly validationStatus: number;
  /** A valid request from the fixtures (undefined when the fixtures give nothing to call). */
  baseline(ctx: CheckContext): Baseline | undefined;
  /** Error cases beyond the spec-derived ones (inverted ranges, bad ids, foreign workspaces, bodies). */
  extraNegatives(ctx: CheckContext, baseline: Baseline): NegativeCase[];
  authCases(ctx: CheckContext, baseline: Baseline): AuthCase[];
  /** The documented semantics: every invariant as a named check. */
  semantics(ctx: CheckContext, baseline: Baseline): Promise<void>;
}

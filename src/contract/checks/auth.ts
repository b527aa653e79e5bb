/** Credentials: none, a wrong token, and a workspace that is not the token's, each with its documented answer. */
import type { CallOptions, CheckContext } from '../context.ts';
import { describeCall } from '../baseline.ts';
import { INVALID_TOKEN } from '../fixture-picks.ts';

export interface AuthCase {
  readonly name: string;
  readonly call: CallOptions;
  readonly status: number;
}

export function standardAuthCases(valid: CallOptions): AuthCase[] {
  return [
    { name: 'no credentials', call: { ...valid, auth: false }, status: 401 },
    { name: 'an unknown token', call: { ...valid, headers: { ...valid.headers, authorization: `Bearer ${INVALID_TOKEN}` } }, status: 401 },
  ];
}

export async function runAuthCases(ctx: CheckContext, cases: readonly AuthCase[]): Promise<void> {
  for (const c of cases) {
    await ctx.check('auth', `${ctx.api}.auth`, async () => {
      const { request, response } = await ctx.call(c.call);
      ctx.expect(
        response.status === c.status,
        `${c.name}: ${describeCall(c.call)} should be answered ${c.status}, got ${response.status}${response.status < 300 ? ' (auth is not enforced)' : ''}`,
        { request, expected: c.status, actual: response.status },
      );
    });
  }
}

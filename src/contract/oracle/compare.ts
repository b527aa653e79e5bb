/**
 * Field-by-field comparison of a target's answer with the engine's: every difference as a JSON pointer with
 * both values. What legitimately differs is left out: request ids, and StackAI's generated run detail
 * (texts, LLM usage, who ran it, parents: flowmock's invention, not semantics an implementation owes).
 */
import { escapePointerSegment } from '../../lib/json-pointer.ts';
import type { ApiName } from '../../apis.ts';

export interface Difference {
  readonly pointer: string;
  readonly actual: unknown;
  readonly expected: unknown;
}

const STACKAI_GENERATED = new Set(['conversation_id', 'inputs', 'outputs', 'llms', 'feedback', 'llm_usage', 'ran_by_type', 'ran_by_id', 'ran_by_display_name', 'parent_run_id', 'parent_project_id', 'parent_project_name']);

/** Pointers whose values are not compared for an API's answer with this status. */
export function ignored(api: ApiName, status: number, pointer: string): boolean {
  if (status !== 200) {
    // Error wording is the implementation's; the status, and the code where the envelope has one, are not.
    if (api === 'alloy') return pointer !== '/error';
    if (api === 'onepin') return pointer !== '/error/code';
    if (api === 'b3os') return pointer !== '/code';
    return true;
  }
  if (api === 'onepin') return pointer === '/meta/request_id';
  if (api === 'b3os') return pointer === '/requestId';
  if (api === 'stackai') return STACKAI_GENERATED.has(pointer.split('/')[2] ?? '');
  return false;
}

function sameNumber(a: number, b: number): boolean {
  return a === b || (!Number.isInteger(a) || !Number.isInteger(b) ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)) : false);
}

export function compare(actual: unknown, expected: unknown, skip: (pointer: string) => boolean, pointer = '', out: Difference[] = [], max = 20): Difference[] {
  if (out.length >= max) return out;
  if (pointer !== '' && skip(pointer)) return out;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (actual.length !== expected.length) out.push({ pointer: pointer === '' ? '/length' : `${pointer}/length`, actual: actual.length, expected: expected.length });
    for (let i = 0; i < Math.min(actual.length, expected.length); i++) compare(actual[i], expected[i], skip, `${pointer}/${i}`, out, max);
    return out;
  }
  if (typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null && !Array.isArray(actual) && !Array.isArray(expected)) {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
      const at = `${pointer}/${escapePointerSegment(key)}`;
      if (skip(at)) continue;
      if (!(key in a)) out.push({ pointer: at, actual: undefined, expected: e[key] });
      else if (!(key in e)) out.push({ pointer: at, actual: a[key], expected: undefined });
      else compare(a[key], e[key], skip, at, out, max);
    }
    return out;
  }
  if (typeof expected === 'number' && typeof actual === 'number' ? !sameNumber(actual, expected) : actual !== expected) out.push({ pointer: pointer === '' ? '/' : pointer, actual, expected });
  return out;
}

/** A value as a report shows it: short. */
export function show(value: unknown): string {
  const text = value === undefined ? '(absent)' : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

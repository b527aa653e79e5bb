/**
 * Request problems as FastAPI reports them (HTTPValidationError, pydantic v2 wording): one ValidationError
 * per bad parameter, in the order the operation declares its parameters (as FastAPI validates them), with
 * pydantic's `type` and `msg`. The spec's own checks (ajv, via parseParameters) decide WHAT is wrong; this
 * module only says it in the vendor's words.
 */
import type { components } from '../../generated/stackai.ts';
import type { RequestProblem } from '../shared/api-failure.ts';
import { dateRejection } from './query-dates.ts';
import { STACKAI_STATES, isStackaiState } from './workflow-state.ts';

type ValidationError = components['schemas']['ValidationError'];

/** pydantic reports one error per input; of several spec problems, the shape one comes first (as pydantic checks it first). */
const KEYWORD_RANK: Record<string, number> = { required: 0, type: 1, format: 1, anyOf: 1, pattern: 2, minimum: 3 };

export function validationErrors(problems: readonly RequestProblem[]): ValidationError[] {
  const first = new Map<string, RequestProblem>();
  for (const problem of problems) {
    const key = `${problem.in}\u0000${problem.name}`;
    const kept = first.get(key);
    if (kept === undefined || rank(problem) < rank(kept)) first.set(key, problem);
  }
  return [...first.values()].map(validationError);
}

function rank(problem: RequestProblem): number {
  return KEYWORD_RANK[problem.keyword] ?? 4;
}

function validationError(problem: RequestProblem): ValidationError {
  const loc = problem.in === 'body' && problem.name === '' ? ['body', ...problem.path] : [problem.in, problem.name, ...problem.path];
  const { msg, type } = describe(problem);
  return { loc, msg, type };
}

function describe(problem: RequestProblem): Pick<ValidationError, 'msg' | 'type'> {
  const { keyword, value } = problem;
  if (keyword === 'required') return { type: 'missing', msg: 'Field required' };
  switch (problem.name) {
    case 'page':
    case 'page_size':
      if (keyword === 'minimum') {
        return { type: 'greater_than_equal', msg: `Input should be greater than or equal to ${String(problem.params?.limit)}` };
      }
      // Text that is no integer ("first", "1.5"); a repeated or bracketed parameter is no text at all.
      return typeof value === 'string' || typeof value === 'number'
        ? { type: 'int_parsing', msg: 'Input should be a valid integer, unable to parse string as an integer' }
        : { type: 'int_type', msg: 'Input should be a valid integer' };
    case 'start_date':
    case 'end_date':
      return dateRejection(value);
    case 'state':
      if (typeof value === 'string') return unknownStates(value);
      break;
    default:
      break;
  }
  if (keyword === 'type' && typeof value !== 'string') return { type: 'string_type', msg: 'Input should be a valid string' };
  return { type: 'value_error', msg: `Value error, ${problem.message}` };
}

/** The vendor validates `state` item by item: name every item that is not a WorkflowState. */
function unknownStates(list: string): Pick<ValidationError, 'msg' | 'type'> {
  const unknown = list.split(',').filter((item) => !isStackaiState(item));
  const named = unknown.map((item) => `'${item}'`).join(', ');
  return {
    type: 'value_error',
    msg: `Value error, unknown state${unknown.length === 1 ? '' : 's'} ${named}; accepted values: ${STACKAI_STATES.join(', ')}`,
  };
}

/**
 * What every generated exchange is judged by: no server error, a documented status, the spec's content type
 * and schema (the vendor's envelope for errors), valid input accepted, invalid input refused with the
 * documented validation status, and every response invariant that applies to the answer.
 */
import type { ApiName } from '../../apis.ts';
import type { Operation } from '../../openapi/spec-document.ts';
import { specValidator } from '../../openapi/spec-validator.ts';
import type { ContractResponse } from '../http-client.ts';
import { responseInvariants, type InvariantProblem, type Params } from '../invariants/response-invariants.ts';
import type { GenRequest } from './request.ts';

export interface JudgedProblem extends InvariantProblem {
  /** The report kind: schema problems count as schema, invariants as semantic, the rest as generative. */
  readonly kind: string;
}

/** The parameters as the API reads them: the last value of each query parameter, and Multiplai's body over its query. */
export function paramsOf(api: ApiName, req: GenRequest): Params {
  const params: Record<string, unknown> = { ...req.pathParams };
  for (const [k, v] of req.query) {
    const nested = /^filters\[(\w+)\]$/.exec(k);
    if (nested) params.filters = { ...(params.filters as object | undefined), [nested[1] as string]: v };
    else params[k] = v;
  }
  if (api === 'multiplai' && typeof req.body === 'object' && req.body !== null) Object.assign(params, req.body);
  return params;
}

export function judge(api: ApiName, op: Operation, validationStatus: number, req: GenRequest, response: ContractResponse, now: number | undefined): JudgedProblem[] {
  const out: JudgedProblem[] = [];
  const what = `${req.intent} input${req.note === undefined ? '' : ` (${req.note})`}`;
  const status = response.status;
  const excerpt = response.text.length > 300 ? `${response.text.slice(0, 300)}…` : response.text;
  if (status >= 500) out.push({ kind: 'generative', check: `${api}.not-a-server-error`, message: `answered ${status} to ${what}: a server error, never the answer to anything a client sends`, expected: '< 500', actual: excerpt });
  const documented = Object.keys(op.responses).filter((code) => code !== 'default');
  if (!documented.includes(String(status))) out.push({ kind: 'generative', check: `${api}.documented-status`, message: `answered ${status} to ${what}, a status the spec does not document (it documents ${documented.join(', ')})`, expected: documented, actual: status });
  const contentType = response.headers['content-type'] ?? '';
  const declared = Object.keys((op.responses[String(status)] as { content?: Record<string, unknown> } | undefined)?.content ?? {});
  if (response.text !== '' && declared.length > 0 && !declared.some((type) => contentType.toLowerCase().startsWith(type.toLowerCase()))) {
    out.push({ kind: 'generative', check: `${api}.content-type`, message: `answered ${status} with Content-Type "${contentType}"; the spec declares ${declared.join(' or ')}`, expected: declared, actual: contentType });
  }
  if (response.text !== '' && response.json === undefined && /json/i.test(contentType)) {
    out.push({ kind: 'schema', check: `${api}.${status < 300 ? 'response-schema' : 'error-envelope'}`, message: `answered ${status} with a body that is not JSON`, actual: excerpt });
  } else {
    const problems = specValidator().validateResponse(op, status, contentType, response.text === '' ? undefined : response.json ?? response.text);
    if (problems.length > 0) {
      const shown = problems.slice(0, 3).map((p) => `${p.path === '' ? 'body' : `body${p.path}`} ${p.message}`).join('; ');
      out.push({ kind: 'schema', check: `${api}.${status < 300 ? 'response-schema' : 'error-envelope'}`, message: `→ ${status}: ${shown}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}`, actual: excerpt });
    }
  }
  if (req.intent === 'valid' && status !== 200 && status < 500) {
    out.push({ kind: 'generative', check: `${api}.accepts-valid-input`, message: `refused valid input with ${status}: every parameter is within its spec, so the answer must be 200 (${excerpt})`, expected: 200, actual: status });
  }
  if (req.intent === 'invalid' && status !== validationStatus && status < 500) {
    out.push({ kind: 'generative', check: `${api}.rejects-invalid-input`, message: `${what} must be refused with ${validationStatus} (the documented validation error), got ${status}${status < 300 ? ' (the invalid request was accepted)' : ''}`, expected: validationStatus, actual: status });
  }
  if (req.intent === 'edge' && status !== 200 && status !== validationStatus && status < 500) {
    out.push({ kind: 'generative', check: `${api}.edge-input`, message: `answered ${status} to ${what}: either 200 or the documented validation error ${validationStatus}`, expected: [200, validationStatus], actual: status });
  }
  if (status === 200 && response.json !== undefined) {
    for (const p of responseInvariants(api, paramsOf(api, req), response.json, now)) out.push({ kind: p.check.endsWith('response-schema') ? 'schema' : 'semantic', ...p });
  }
  return out;
}

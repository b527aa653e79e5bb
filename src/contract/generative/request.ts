/**
 * A generated request, as data: path parameters, the query as ordered name/value pairs (so that a
 * parameter may repeat), headers, a JSON body, and how the query is written on the wire (plainly, or
 * every byte percent-encoded). Sent through the run's transport; described in one line for reports.
 */
import type { CheckContext } from '../context.ts';
import { recordRequest } from '../context.ts';
import type { ContractResponse } from '../http-client.ts';
import type { RecordedRequest } from '../violation.ts';

/** What the request is meant to be: accepted (valid), refused with the validation status (invalid), or either (edge). */
export type Intent = 'valid' | 'invalid' | 'edge';

export interface GenRequest {
  readonly intent: Intent;
  /** What was broken or stretched, in words ("query page_size: below its minimum 1"). */
  readonly note?: string;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: readonly (readonly [string, string])[];
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** How the query string is written: `plain` (encodeURIComponent) or `percent` (every byte as %XX). */
  readonly encoding?: 'plain' | 'percent';
}

export interface SentRequest {
  readonly request: RecordedRequest;
  readonly response: ContractResponse;
}

/** Every byte of a value as %XX: an encoding any server must decode to the same value. */
export function percentEncodeAll(value: string): string {
  return [...new TextEncoder().encode(value)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** The path below the API's base and the raw query string of a request. */
export function pathAndQuery(template: string, req: GenRequest): { path: string; query: string } {
  const path = template.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(req.pathParams[name] ?? ''));
  const encode = req.encoding === 'percent' ? percentEncodeAll : encodeURIComponent;
  const query = req.query.map(([k, v]) => `${encodeURIComponent(k)}=${encode(v)}`).join('&');
  return { path, query };
}

/** `GET /path?query` (with the body when there is one): how a report names the request. */
export function describeGen(template: string, req: GenRequest): string {
  const { path, query } = pathAndQuery(template, req);
  const headers = Object.entries(req.headers).filter(([k]) => k.toLowerCase() !== 'authorization').map(([k, v]) => `${k}: ${v}`);
  return `${path}${query === '' ? '' : `?${query}`}${headers.length === 0 ? '' : ` [${headers.join(', ')}]`}${req.body === undefined ? '' : ` body ${JSON.stringify(req.body)}`}`;
}

/**
 * Sends a generated request to the target, as the checks' own calls are sent (headers, token, transport), and
 * through the same path (`CheckContext.send`): counted, timed, and its status and parameters in the coverage.
 */
export async function sendGen(ctx: CheckContext, req: GenRequest): Promise<SentRequest> {
  const { path, query } = pathAndQuery(ctx.op.path, req);
  const prepared = ctx.prepare({ path: `${path}${query === '' ? '' : `?${query}`}`, headers: { ...req.headers }, ...(req.body === undefined ? {} : { body: req.body }) });
  const url = prepared.url.href;
  const request = recordRequest(prepared.method, url, prepared.headers, prepared.body);
  const response = await ctx.send({ method: prepared.method, url, headers: prepared.headers, ...(prepared.body === undefined ? {} : { body: prepared.body }) }, { used: prepared.used });
  return { request, response };
}


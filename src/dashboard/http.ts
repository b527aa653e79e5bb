/**
 * How the pages talk to the server: the five APIs as a front-end would (a workspace token, each vendor's
 * own headers; Multiplai through its query string, since a browser sends no body on GET), and the admin
 * API with the admin token when the server has one. The admin token lives in this tab's session storage
 * and goes out only as an `Authorization` header, never in a URL.
 */
import type { ApiName } from '../apis.ts';

const TOKEN_KEY = 'flowmock.adminToken';

/** Whether the server said (in the page's meta tag) that its admin API wants a token. */
export function adminTokenRequired(): boolean {
  return document.querySelector('meta[name="flowmock-admin-token"]')?.getAttribute('content') === 'required';
}

export function storedAdminToken(): string | undefined {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function storeAdminToken(token: string | undefined): void {
  try {
    if (token === undefined) sessionStorage.removeItem(TOKEN_KEY);
    else sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage refused (a private window): the token lasts as long as the page.
  }
}

export class AdminError extends Error {
  constructor(readonly status: number, readonly detail: string) {
    super(`admin API answered ${status}: ${detail}`);
  }
}

let adminToken: string | undefined;

export function useAdminToken(token: string | undefined): void {
  adminToken = token;
}

/** One admin request; the body as JSON, or AdminError with the problem's detail. */
export async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (adminToken !== undefined) headers.authorization = `Bearer ${adminToken}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/__mock${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  const text = await response.text();
  const value: unknown = text === '' ? undefined : JSON.parse(text);
  if (!response.ok) {
    const problem = (value ?? {}) as { detail?: string; title?: string };
    throw new AdminError(response.status, problem.detail ?? problem.title ?? response.statusText);
  }
  return value as T;
}

/** An API's answer as the panel received it: status, body (parsed when JSON), time taken. */
export interface ApiAnswer<T = unknown> {
  readonly api: ApiName;
  readonly query: string;
  readonly status: number;
  readonly ok: boolean;
  readonly body: T;
  readonly ms: number;
}

const VENDOR_HEADERS: Partial<Record<ApiName, Record<string, string>>> = { alloy: { 'x-api-version': '2025-09' } };

/** Asks an API: `query` is the path and query string below its mount (what the panel shows as data-query). */
export async function ask<T>(api: ApiName, query: string, token: string, signal?: AbortSignal): Promise<ApiAnswer<T>> {
  const started = performance.now();
  const response = await fetch(`/${api}${query}`, { headers: { authorization: `Bearer ${token}`, ...VENDOR_HEADERS[api] }, cache: 'no-store', signal });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: kept as text for the error box.
  }
  return { api, query, status: response.status, ok: response.ok, body: body as T, ms: Math.round(performance.now() - started) };
}

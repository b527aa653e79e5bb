/**
 * What the suite is pointed at: a base URL, the APIs to check, and fixtures (workspaces with tokens,
 * users and flows). Against flowmock, fixtures come from `/__mock/fixtures`; against anything else, from
 * a file in the same shape (`--fixtures`).
 */
import { readFileSync } from 'node:fs';
import { API_NAMES, type ApiName } from '../apis.ts';
import type { components } from '../generated/admin.ts';
import { Transport, TargetUnreachable } from './http-client.ts';

export type Fixtures = components['schemas']['Fixtures'];
export type FixtureWorkspace = Fixtures['workspaces'][number];

export interface Target {
  readonly baseUrl: string;
  readonly apis: readonly ApiName[];
  readonly fixtures: Fixtures;
  /** Extra headers sent with every request (`--header "K: V"`). */
  readonly headers: Readonly<Record<string, string>>;
  /** Whether the target has flowmock's admin API (stateful checks need it). */
  readonly hasAdminApi: boolean;
  /** With `--via-prism`: the Prism proxy in front of each API, for the valid traffic. */
  readonly prismJudges?: Readonly<Record<string, string>>;
  /** How every request of the run is sent: timeouts, body cap, the run's deadline, failures in a row. */
  readonly transport: Transport;
  /** Headers for the target's admin API (`/__mock`): `headers` plus `--admin-token` as a bearer token. */
  readonly adminHeaders: Readonly<Record<string, string>>;
  readonly limits: { readonly maxResponseTimeMs?: number };
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface TargetOptions {
  readonly baseUrl: string;
  readonly apis?: readonly string[];
  readonly token?: string;
  readonly headers?: readonly string[];
  readonly fixturesFile?: string;
  /** Bearer token for the target's admin API. */
  readonly adminToken?: string;
  /** Every answer slower than this is a violation (`--max-response-time`). */
  readonly maxResponseTimeMs?: number;
  /** The run's client (default: one with the default limits). */
  readonly transport?: Transport;
}

export async function resolveTarget(options: TargetOptions): Promise<Target> {
  let baseUrl: URL;
  try {
    baseUrl = new URL(options.baseUrl);
  } catch {
    throw new UsageError(`--base-url "${options.baseUrl}" is not a URL (e.g. http://127.0.0.1:4010)`);
  }
  const apis = (options.apis ?? API_NAMES).map((api) => {
    if (!(API_NAMES as readonly string[]).includes(api)) throw new UsageError(`unknown API "${api}": choose from ${API_NAMES.join(', ')}`);
    return api as ApiName;
  });
  const headers: Record<string, string> = {};
  for (const header of options.headers ?? []) {
    const match = /^([^:\s]+)\s*:\s*(.*)$/.exec(header);
    if (!match) throw new UsageError(`--header "${header}" is not "Name: value"`);
    headers[(match[1] as string).toLowerCase()] = match[2] as string;
  }
  if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') throw new UsageError(`--base-url "${options.baseUrl}": only http and https targets`);
  const base = baseUrl.href.replace(/\/$/, '');
  const transport = options.transport ?? new Transport();
  const adminHeaders: Record<string, string> = { ...headers, ...(options.adminToken === undefined ? {} : { authorization: `Bearer ${options.adminToken}` }) };
  let fixtures: Fixtures;
  let hasAdminApi: boolean;
  if (options.fixturesFile !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(options.fixturesFile, 'utf8'));
    } catch (error) {
      throw new UsageError(`--fixtures ${options.fixturesFile}: ${(error as Error).message}`);
    }
    const problems = fixtureProblems(parsed);
    if (problems.length > 0) throw new UsageError(`--fixtures ${options.fixturesFile}: ${problems.join('; ')} (see GET /__mock/fixtures for the shape)`);
    fixtures = parsed as Fixtures;
    hasAdminApi = await probeAdmin(transport, base, adminHeaders);
  } else {
    const url = `${base}/__mock/fixtures`;
    const response = await transport.send({ method: 'GET', url, headers: adminHeaders });
    if (response.status === 401 || response.status === 403) {
      throw new UsageError(`${url} answered ${response.status}: its admin API needs a token (--admin-token), or give --fixtures FILE`);
    }
    if (response.status !== 200 || typeof response.json !== 'object' || response.json === null) {
      const what = response.truncated ? `more than ${transport.maxBodyBytes} bytes` : response.status === 200 ? 'no JSON object' : String(response.status);
      throw new UsageError(`${url} answered ${what}: point --base-url at a flowmock server, or give --fixtures FILE with the workspaces, tokens and flow ids to use`);
    }
    const problems = fixtureProblems(response.json);
    if (problems.length > 0) throw new UsageError(`${url} answered fixtures that cannot be used: ${problems.join('; ')}`);
    fixtures = response.json as Fixtures;
    hasAdminApi = true;
  }
  if (options.token !== undefined) {
    const [first, ...rest] = fixtures.workspaces;
    if (first === undefined) throw new UsageError('--token given but the fixtures have no workspace');
    fixtures = { ...fixtures, workspaces: [{ ...first, tokens: [options.token] }, ...rest] };
  }
  if (fixtures.workspaces.length === 0) throw new UsageError('the fixtures have no workspace: nothing to call the APIs as');
  return {
    baseUrl: base, apis, fixtures, headers, hasAdminApi, transport, adminHeaders,
    limits: options.maxResponseTimeMs === undefined ? {} : { maxResponseTimeMs: options.maxResponseTimeMs },
  };
}

/** What makes fixtures unusable (the shape the checks rely on), at most a few problems. */
export function fixtureProblems(value: unknown): string[] {
  const problems: string[] = [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(value) || !Array.isArray(value.workspaces)) return ['no "workspaces" list'];
  if (value.apis !== undefined && (!isObject(value.apis) || Object.values(value.apis).some((v) => typeof v !== 'string'))) problems.push('"apis" is not an object of strings');
  value.workspaces.slice(0, 100).forEach((ws: unknown, i) => {
    const at = `workspaces[${i}]`;
    if (!isObject(ws)) return problems.push(`${at} is not an object`);
    if (typeof ws.id !== 'string') problems.push(`${at}.id is not a string`);
    if (!Array.isArray(ws.tokens) || ws.tokens.some((t) => typeof t !== 'string')) problems.push(`${at}.tokens is not a list of strings`);
    for (const list of ['users', 'flows'] as const) {
      const items = ws[list];
      if (!Array.isArray(items) || items.some((item) => !isObject(item) || typeof item.id !== 'string')) problems.push(`${at}.${list} is not a list of objects with a string id`);
    }
    return undefined;
  });
  return problems.slice(0, 5);
}

async function probeAdmin(transport: Transport, base: string, headers: Record<string, string>): Promise<boolean> {
  try {
    return (await transport.send({ method: 'GET', url: `${base}/__mock/health`, headers }, { probe: true, timeoutMs: 5000 })).status === 200;
  } catch (error) {
    if (error instanceof TargetUnreachable) return false;
    throw error;
  }
}

/**
 * Where an API lives on the target: its mount from the fixtures (`/alloy`, or `''` for a vendor's own
 * base URL, or an absolute URL when the APIs are on different servers), `/<api>` by default.
 */
export function apiBase(target: Target, api: ApiName): string {
  const mount = (target.fixtures.apis as Partial<Record<ApiName, string>> | undefined)?.[api] ?? `/${api}`;
  return /^https?:\/\//.test(mount) ? mount.replace(/\/$/, '') : `${target.baseUrl}${mount}`;
}

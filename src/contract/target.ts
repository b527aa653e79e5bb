/**
 * What the suite is pointed at: a base URL, the APIs to check, and fixtures (workspaces with tokens,
 * users and flows). Against flowmock, fixtures come from `/__mock/fixtures`; against anything else, from
 * a file in the same shape (`--fixtures`).
 */
import { readFileSync } from 'node:fs';
import { API_NAMES, type ApiName } from '../apis.ts';
import type { components } from '../generated/admin.ts';
import { send } from './http-client.ts';

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
  const base = baseUrl.href.replace(/\/$/, '');
  let fixtures: Fixtures;
  let hasAdminApi: boolean;
  if (options.fixturesFile !== undefined) {
    try {
      fixtures = JSON.parse(readFileSync(options.fixturesFile, 'utf8')) as Fixtures;
    } catch (error) {
      throw new UsageError(`--fixtures ${options.fixturesFile}: ${(error as Error).message}`);
    }
    if (!Array.isArray(fixtures.workspaces)) throw new UsageError(`--fixtures ${options.fixturesFile}: no "workspaces" list (see GET /__mock/fixtures for the shape)`);
    hasAdminApi = await probeAdmin(base, headers);
  } else {
    const response = await send({ method: 'GET', url: `${base}/__mock/fixtures`, headers });
    if (response.status !== 200 || typeof response.json !== 'object') {
      throw new UsageError(`${base}/__mock/fixtures answered ${response.status}: point --base-url at a flowmock server, or give --fixtures FILE with the workspaces, tokens and flow ids to use`);
    }
    fixtures = response.json as Fixtures;
    hasAdminApi = true;
  }
  if (options.token !== undefined) {
    const [first, ...rest] = fixtures.workspaces;
    if (first === undefined) throw new UsageError('--token given but the fixtures have no workspace');
    fixtures = { ...fixtures, workspaces: [{ ...first, tokens: [options.token] }, ...rest] };
  }
  if (fixtures.workspaces.length === 0) throw new UsageError('the fixtures have no workspace: nothing to call the APIs as');
  return { baseUrl: base, apis, fixtures, headers, hasAdminApi };
}

async function probeAdmin(base: string, headers: Record<string, string>): Promise<boolean> {
  try {
    return (await send({ method: 'GET', url: `${base}/__mock/health`, headers }, 5000)).status === 200;
  } catch {
    return false;
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

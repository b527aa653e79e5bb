/**
 * Who may use the admin API (docs/admin-api.md#access):
 * - with `--admin-token`, whoever sends it as a bearer token; without one, only clients on this machine;
 * - never a web page of another origin: a browser on this machine is a loopback client, so a request
 *   carrying an `Origin` that is neither the server's own (as the browser addressed it) nor listed
 *   (`--admin-cors`) is refused, whatever its method, and no other origin may read an answer;
 * - on a server bound to loopback, only requests addressed to a loopback name or a listed host
 *   (`--allowed-hosts`): a DNS-rebinding page's requests carry its own host name.
 * A request without a peer address and without a Host (MSW in a page or a test) is the page's own call.
 *
 * `GET /__mock/health` needs neither the token nor a loopback peer: probes (Docker's HEALTHCHECK, a load
 * balancer, `startFlowmock` waiting) ask it without credentials, and it tells nothing secret (src/admin/health.ts).
 * The Origin and Host checks still apply to it: they cost nothing, and no other page has a reason to read it.
 */
import { bearerToken } from '../apis/shared/bearer-token.ts';
import { headerValue, type CoreRequest } from '../core/http-message.ts';
import { isLoopback } from '../core/loopback.ts';
import { AdminProblem } from './problem.ts';

export interface AdminAccessOptions {
  readonly adminToken?: string | undefined;
  /** Origins (scheme://host[:port]) of pages allowed to call the admin API, besides the server's own. */
  readonly adminOrigins?: readonly string[] | undefined;
  /**
   * Host names (or host:port) the admin API answers besides loopback names; undefined: any Host (a server
   * bound beyond loopback, which needs an admin token anyway).
   */
  readonly allowedHosts?: readonly string[] | undefined;
}

/** The problem that refuses this request, or undefined when it may go on. */
export function adminAccessProblem(request: CoreRequest, { adminToken, adminOrigins = [], allowedHosts }: AdminAccessOptions): AdminProblem | undefined {
  const host = headerValue(request.headers, 'host');
  if (allowedHosts !== undefined && host !== undefined && !hostAllowed(host, allowedHosts)) {
    return new AdminProblem('host-not-allowed', `This server answers its admin API on loopback names only; "${host}" is not one. Start it with --allowed-hosts ${hostnameOf(host)} (or FLOWMOCK_ALLOWED_HOSTS) to allow it.`);
  }
  const origin = headerValue(request.headers, 'origin');
  if (origin !== undefined && !originAllowed(origin, host, adminOrigins)) {
    return new AdminProblem('origin-not-allowed', `A page of another origin (${origin}) may not use the admin API. Start the server with --admin-cors ${origin} to allow it.`);
  }
  if (isPublicRead(request)) return undefined;
  if (adminToken !== undefined) {
    const given = bearerToken(headerValue(request.headers, 'authorization'));
    if (given === undefined || !sameSecret(given, adminToken)) {
      return new AdminProblem('unauthorized', 'This server requires its admin token: send "Authorization: Bearer <admin token>" (the --admin-token it was started with).');
    }
    return undefined;
  }
  const remote = (request.remoteAddress ?? '').replace(/^::ffff:/, '');
  if (remote !== '' && !isLoopback(remote)) {
    return new AdminProblem('loopback-only', `The admin API answers only on loopback unless the server was started with --admin-token; this request came from ${remote}.`);
  }
  return undefined;
}

/** `GET` or `HEAD /__mock/health`: answered without the admin token, from anywhere the server listens. */
function isPublicRead({ method, path }: CoreRequest): boolean {
  // The mount in any case, as routing reads it; the path below it exactly.
  return (method === 'GET' || method === 'HEAD') && path.slice(MOUNT.length) === '/health' && path.slice(0, MOUNT.length).toLowerCase() === MOUNT;
}

const MOUNT = '/__mock';

/** The server's own origin (as the browser addressed it: its Host), or a listed one. */
function originAllowed(origin: string, host: string | undefined, listed: readonly string[]): boolean {
  if (listed.includes(origin) || listed.includes('*')) return true;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}

function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const name = hostnameOf(host).toLowerCase();
  if (isLoopback(name) || name.endsWith('.localhost')) return true;
  return allowed.some((entry) => entry.toLowerCase() === name || entry.toLowerCase() === host.toLowerCase() || (entry.startsWith('.') && name.endsWith(entry.toLowerCase())));
}

/** `[::1]:4010` → `[::1]`, `localhost:4010` → `localhost`. */
function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/** Compares two secrets in time that depends on their lengths only, not on where they first differ. */
function sameSecret(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a[i % Math.max(a.length, 1)] ?? 0) ^ (b[i] as number);
  return difference === 0;
}

/**
 * Who may use the admin API: with `--admin-token`, whoever sends it as a bearer token; without one, only
 * clients on this machine (the server refuses to bind elsewhere without a token, and this guards the rest).
 * A request without a peer address (MSW in a page or a test) is the page's own call.
 */
import { bearerToken } from '../apis/shared/bearer-token.ts';
import { headerValue, type CoreRequest } from '../core/http-message.ts';
import { isLoopback } from '../core/loopback.ts';
import { AdminProblem } from './problem.ts';

/** The problem that refuses this request, or undefined when it may go on. */
export function adminAccessProblem(request: CoreRequest, adminToken: string | undefined): AdminProblem | undefined {
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

/** Compares two secrets in time that depends on their lengths only, not on where they first differ. */
function sameSecret(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a[i % Math.max(a.length, 1)] ?? 0) ^ (b[i] as number);
  return difference === 0;
}

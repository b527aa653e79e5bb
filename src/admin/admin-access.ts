/**
 * Who may use the admin API: with `--admin-token`, whoever sends it as a bearer token; without one, only
 * clients on this machine (the server refuses to bind elsewhere without a token, and this guards the rest).
 */
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { bearerToken } from '../apis/shared/bearer-token.ts';
import { isLoopback } from '../server/loopback.ts';
import { AdminProblem } from './problem.ts';

export function adminAccess(adminToken: string | undefined) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (adminToken !== undefined) {
      const given = bearerToken(req.get('authorization'));
      if (given === undefined || !sameSecret(given, adminToken)) {
        throw new AdminProblem('unauthorized', 'This server requires its admin token: send "Authorization: Bearer <admin token>" (the --admin-token it was started with).');
      }
      return next();
    }
    const remote = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    if (remote !== '' && !isLoopback(remote)) {
      throw new AdminProblem('loopback-only', `The admin API answers only on loopback unless the server was started with --admin-token; this request came from ${remote}.`);
    }
    next();
  };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Redirects every request to itself (a loop for a client that follows redirects). */
import { serve, type HostileTarget } from './server.ts';

export const redirect: HostileTarget = {
  name: 'redirect',
  behaviour: 'answers 302 to the same URL, forever',
  start: () => serve((req, res) => res.writeHead(302, { location: req.url ?? '/' }).end()),
};

/**
 * Like flowmock, but every fifth vendor request has its connection reset: a flaky target is a wrong one (exit 1),
 * not a gone one. Each answer closes its connection, so every reset hits a fresh one (the suite retries a
 * request once when a kept-alive connection turns out closed, as any HTTP client must).
 */
import { forward, isVendor, serve, type HostileTarget } from './server.ts';

export const flakyReset: HostileTarget = {
  name: 'flaky-reset',
  behaviour: 'resets every fifth vendor request, answers the others like flowmock',
  start: (upstream) => {
    let n = 0;
    return serve((req, res, socket) => {
      if (isVendor(req.url ?? '') && ++n % 5 === 0) return socket.resetAndDestroy();
      res.setHeader('connection', 'close');
      return forward(upstream, req, res);
    });
  },
};

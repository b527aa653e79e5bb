/** Resets every connection as soon as a request arrives. */
import { serve, type HostileTarget } from './server.ts';

export const reset: HostileTarget = {
  name: 'reset',
  behaviour: 'resets the connection on every request',
  start: () => serve((_req, _res, socket) => socket.resetAndDestroy()),
};

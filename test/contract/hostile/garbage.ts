/** Answers every request with bytes that are not HTTP. */
import { serve, type HostileTarget } from './server.ts';

export const garbage: HostileTarget = {
  name: 'garbage',
  behaviour: 'answers with bytes that are not HTTP',
  start: () => serve((_req, _res, socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n\x00\x01\x02 not http at all\r\n\r\n')),
};

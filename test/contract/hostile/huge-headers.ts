/** Answers with a 1 MiB header. */
import { serve, type HostileTarget } from './server.ts';

export const hugeHeaders: HostileTarget = {
  name: 'huge-headers',
  behaviour: 'answers 200 with a 1 MiB header',
  start: () => serve((_req, _res, socket) => socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-padding: ${'x'.repeat(1024 * 1024)}\r\ncontent-length: 2\r\n\r\n{}`)),
};

/** Sends the headers, then one byte of body every 100 ms, forever: an idle timer never fires. */
import { serve, type HostileTarget } from './server.ts';

export const slowDrip: HostileTarget = {
  name: 'slow-drip',
  behaviour: 'sends headers, then a byte every 100 ms forever',
  start: () => serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('[');
    const timer = setInterval(() => res.write(' '), 100);
    res.on('close', () => clearInterval(timer));
  }),
};

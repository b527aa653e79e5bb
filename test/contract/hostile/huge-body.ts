/** Answers 200 with a 64 MiB JSON body (a valid one: a huge array). */
import { serve, type HostileTarget } from './server.ts';

const CHUNK = Buffer.from(`${JSON.stringify({ run_id: '0d1e2f3a-4b5c-4d6e-8f70-81a2b3c4d5e6', latency: 'slow', padding: 'x'.repeat(900) })},`);

export const hugeBody: HostileTarget = {
  name: 'huge-body',
  behaviour: 'answers 200 with a 64 MiB JSON array',
  start: () => serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('[');
    let sent = 0;
    const more = (): void => {
      while (sent < 64 * 1024 * 1024) {
        sent += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once('drain', more);
      }
      res.end('{}]');
    };
    res.on('close', () => { sent = Infinity; });
    more();
  }),
};

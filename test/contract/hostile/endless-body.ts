/** Answers 200 and streams a body that never ends, as fast as the client reads. */
import { serve, type HostileTarget } from './server.ts';

const CHUNK = Buffer.alloc(64 * 1024, 'a');

export const endlessBody: HostileTarget = {
  name: 'endless-body',
  behaviour: 'answers 200 with a chunked body that never ends',
  start: () => serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    let open = true;
    res.on('close', () => { open = false; });
    const more = (): void => {
      while (open) if (!res.write(CHUNK)) return void res.once('drain', more);
    };
    more();
  }),
};

/** Answers like flowmock for its first 20 requests, then never again (a crashed worker behind a live socket). */
import { forward, serve, type HostileTarget } from './server.ts';

export const stopsAnswering: HostileTarget = {
  name: 'stops-answering',
  behaviour: 'answers 20 requests, then hangs on every request',
  start: (upstream) => {
    let answered = 0;
    return serve((req, res) => {
      if (answered++ < 20) forward(upstream, req, res);
    });
  },
};

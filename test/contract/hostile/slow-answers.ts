/** Flowmock's answers, each after 300 ms. */
import { forward, serve, type HostileTarget } from './server.ts';

export const slowAnswers: HostileTarget = {
  name: 'slow-answers',
  behaviour: "flowmock's answers, each after 300 ms",
  start: (upstream) => serve((req, res) => {
    const timer = setTimeout(() => forward(upstream, req, res), 300);
    res.on('close', () => clearTimeout(timer));
  }),
};

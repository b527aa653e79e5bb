/** Flowmock's answers, labelled text/html. */
import { forward, isVendor, serve, type HostileTarget } from './server.ts';

export const wrongContentType: HostileTarget = {
  name: 'wrong-content-type',
  behaviour: "flowmock's answers with Content-Type text/html",
  start: (upstream) => serve((req, res) => forward(upstream, req, res, (answer, path) => {
    if (isVendor(path)) answer.headers['content-type'] = 'text/html; charset=utf-8';
  })),
};

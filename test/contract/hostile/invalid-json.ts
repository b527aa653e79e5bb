/** Says application/json and sends a body that is not JSON. */
import { serve, type HostileTarget } from './server.ts';

export const invalidJson: HostileTarget = {
  name: 'invalid-json',
  behaviour: 'answers 200 application/json with a body that is not JSON',
  start: () => serve((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"totalWorkflowRuns": 12, "oops": ')),
};

/**
 * The ceiling of our stack: a plain Express 5 app that answers each route with the same bytes flowmock
 * answered for that request, pre-serialised (a Buffer read once, sent with `res.send`): what Express costs
 * per request on this machine, with nothing computed and nothing serialised.
 * Usage: node --import tsx bench/fixed-json-server.ts ROUTES.json (bench/fixed-routes.ts: the file, the
 * port). Prints `express http://127.0.0.1:PORT`.
 * With `--answer-in-check-phase` it answers in the event loop's check phase (`setImmediate`), as flowmock
 * does (docs/performance.md#answers-after-the-poll-phase), and prints `express-deferred http://…`: the
 * same ceiling written that way, reported beside the plain one.
 */
import { createServer } from 'node:http';
import express from 'express';
import { JSON_TYPE, listen, routesFromArgs } from './fixed-routes.ts';

const routes = routesFromArgs('fixed-json-server.ts');
const inCheckPhase = process.argv[3] === '--answer-in-check-phase';

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
for (const [path, bytes] of routes) {
  const send = (res: express.Response) => {
    res.set('content-type', JSON_TYPE);
    res.send(bytes);
  };
  app.get(path, inCheckPhase ? (_req, res) => void setImmediate(send, res) : (_req, res) => send(res));
}

listen(createServer(app), inCheckPhase ? 'express-deferred' : 'express');

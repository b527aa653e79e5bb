/**
 * The ceiling of our stack: a plain Express 5 app that answers each route with the same bytes flowmock
 * answered for that request, pre-serialised (a Buffer read once, sent with `res.send`): what Express costs
 * per request on this machine, with nothing computed and nothing serialised.
 * Usage: node --import tsx bench/fixed-json-server.ts ROUTES.json (bench/fixed-routes.ts: the file, the
 * port). Prints `express http://127.0.0.1:PORT`.
 */
import { createServer } from 'node:http';
import express from 'express';
import { JSON_TYPE, listen, routesFromArgs } from './fixed-routes.ts';

const routes = routesFromArgs('fixed-json-server.ts');

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
for (const [path, bytes] of routes) {
  app.get(path, (_req, res) => {
    res.set('content-type', JSON_TYPE);
    res.send(bytes);
  });
}

listen(createServer(app), 'express');

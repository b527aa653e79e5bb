/**
 * The physical limit of a Node server on this machine: raw `node:http`, no framework, answering each
 * route with the same bytes flowmock answered for that request, pre-serialised (one Map lookup, one
 * `res.end` of a Buffer). Reported only: no target is set against it.
 * Usage: node --import tsx bench/node-http-server.ts ROUTES.json (bench/fixed-routes.ts: the file, the port).
 * Prints `node-http http://127.0.0.1:PORT`.
 */
import { createServer } from 'node:http';
import { JSON_TYPE, listen, routesFromArgs } from './fixed-routes.ts';

const routes = routesFromArgs('node-http-server.ts');

const server = createServer((req, res) => {
  const [path = '/'] = (req.url ?? '/').split('?', 1);
  const bytes = routes.get(path);
  if (bytes === undefined) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': bytes.length });
  res.end(bytes);
});

listen(server, 'node-http');

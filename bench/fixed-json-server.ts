/**
 * The ceiling of our stack: a plain Express 5 app that answers each route with a fixed JSON value (the
 * same bytes flowmock answered for that request, serialised on every request as flowmock does).
 * Usage: node --import tsx bench/fixed-json-server.ts ROUTES.json — ROUTES.json is `[{ "path", "body" }]`
 * (body: the JSON text). Listens on 127.0.0.1, any free port, and prints `fixed-json http://127.0.0.1:PORT`.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import express from 'express';

export interface FixedRoute {
  readonly path: string;
  readonly body: string;
}

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: fixed-json-server.ts ROUTES.json\n');
  process.exit(2);
}
const routes = JSON.parse(readFileSync(file, 'utf8')) as FixedRoute[];

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
for (const route of routes) {
  const value: unknown = JSON.parse(route.body);
  app.get(route.path, (_req, res) => {
    res.json(value);
  });
}

const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`fixed-json http://127.0.0.1:${port}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

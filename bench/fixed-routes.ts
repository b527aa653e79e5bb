/**
 * What the two ceiling servers (bench/fixed-json-server.ts: Express 5; bench/node-http-server.ts: raw
 * `node:http`) answer: for each path, the bytes flowmock answered to the same request, read once from a
 * routes file and kept as a Buffer, so that a request costs the framework and the socket write, no
 * serialising. The file is `[{ "path", "body" }]` (body: the JSON text flowmock sent).
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

export interface FixedRoute {
  readonly path: string;
  readonly body: string;
}

/** What both servers send with each body. */
export const JSON_TYPE = 'application/json; charset=utf-8';

/** The routes of the file named on the command line, each body as bytes; exits 2 with a usage line when none is named. */
export function routesFromArgs(script: string): Map<string, Buffer> {
  const file = process.argv[2];
  if (file === undefined) {
    process.stderr.write(`usage: ${script} ROUTES.json\n`);
    process.exit(2);
  }
  const routes = JSON.parse(readFileSync(file, 'utf8')) as FixedRoute[];
  return new Map(routes.map((route) => [route.path, Buffer.from(route.body, 'utf8')]));
}

/** Listens on 127.0.0.1, any free port; prints `<name> http://127.0.0.1:PORT` once listening; closes on SIGTERM or SIGINT. */
export function listen(server: Server, name: string): void {
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`${name} http://127.0.0.1:${port}\n`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

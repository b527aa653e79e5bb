/**
 * The hostile target corpus (test/contract/hostile/*.ts): small node:http servers, each with one hostile
 * behaviour, for the contract suite to survive (test/contract/hostile.test.ts, scripts/contract-hostile.ts).
 * Some answer everything themselves; others forward to a real flowmock (`upstream`) and spoil one thing.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Running {
  readonly url: string;
  close(): Promise<void>;
}

export interface HostileTarget {
  readonly name: string;
  /** What it does, in one line. */
  readonly behaviour: string;
  start(upstream: string): Promise<Running>;
}

/** A server answering with `handle`; closing it cuts every connection, hung ones included. */
export async function serve(handle: (req: IncomingMessage, res: ServerResponse, socket: Socket) => void): Promise<Running> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => handle(req, res, req.socket));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/** Forwards a request to `upstream` and hands the answer to `spoil` before it goes back. */
export function forward(upstream: string, req: IncomingMessage, res: ServerResponse, spoil: (answer: { status: number; headers: Record<string, string>; body: string }, path: string) => void = () => undefined): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const headers = { ...req.headers };
    delete headers.host;
    const out = request(new URL(req.url ?? '/', upstream), { method: req.method, headers }, (up) => {
      const parts: Buffer[] = [];
      up.on('data', (chunk: Buffer) => parts.push(chunk));
      up.on('end', () => {
        const answer = { status: up.statusCode ?? 502, headers: { 'content-type': String(up.headers['content-type'] ?? 'application/json') } as Record<string, string>, body: Buffer.concat(parts).toString('utf8') };
        if (up.headers.allow !== undefined) answer.headers.allow = String(up.headers.allow);
        spoil(answer, new URL(req.url ?? '/', upstream).pathname);
        res.writeHead(answer.status, answer.headers).end(answer.body);
      });
    });
    out.on('error', () => res.writeHead(502).end());
    out.end(Buffer.concat(chunks));
  });
}

/** Whether a path is one of the five vendor APIs (not the admin API). */
export function isVendor(path: string): boolean {
  return /^\/(alloy|stackai|onepin|b3os|multiplai)\//i.test(path);
}

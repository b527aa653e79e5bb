/**
 * A deliberately broken implementation for the contract suite to catch: an HTTP proxy in front of a real
 * flowmock listener that changes requests on the way in or responses on the way out, one defect each.
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ResponseDraft {
  status: number;
  json: unknown;
}

export interface Defect {
  readonly name: string;
  /** The check that must report it, and words its message must contain. */
  readonly caughtBy: RegExp;
  readonly message: RegExp;
  /** Only these APIs are checked for this defect (faster, and the defect is theirs). */
  readonly apis: readonly string[];
  readonly request?: (exchange: Exchange) => void;
  readonly response?: (exchange: Exchange, draft: ResponseDraft) => void;
  /** A change that needs more of the upstream's data: `upstream(pathAndQuery)` asks it (with the same credentials). */
  readonly respond?: (exchange: Exchange, draft: ResponseDraft, upstream: (pathAndQuery: string) => Promise<unknown>) => Promise<void>;
  /** Headers of the answer (the upstream's, forwarded) to change: CORS dropped, for one. */
  readonly headers?: (exchange: Exchange, headers: Record<string, string | string[] | undefined>) => void;
  /** Holds the answer this long first (a slow implementation). */
  readonly delayMs?: (exchange: Exchange) => number;
  /** The scenario the upstream serves (default `default` at 2026-11-20T12:00:00Z). */
  readonly scenario?: 'default' | 'edge-cases';
  /** Contract options the defect needs (opt-in checks, --max-response-time). */
  readonly options?: Readonly<Record<string, unknown>>;
  /** In oracle mode too: the oracle check must report it, with words its message contains. */
  readonly oracle?: RegExp;
  /** Caught by oracle mode only (internally consistent numbers): `caughtBy` is not expected without it. */
  readonly oracleOnly?: boolean;
}

export async function startDefectProxy(upstream: string, defect: Defect): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { body += chunk; });
    req.on('end', () => {
      const exchange: Exchange = { url: new URL(req.url ?? '/', upstream), headers: { ...req.headers }, body };
      if (!exchange.url.pathname.startsWith('/__mock')) defect.request?.(exchange);
      delete exchange.headers.host;
      exchange.headers['content-length'] = String(Buffer.byteLength(exchange.body));
      const out = request(exchange.url, { method: req.method, headers: exchange.headers }, (up) => {
        let text = '';
        up.setEncoding('utf8');
        up.on('data', (chunk: string) => { text += chunk; });
        up.on('end', () => void (async () => {
          const draft: ResponseDraft = { status: up.statusCode ?? 502, json: text === '' ? undefined : safeJson(text) };
          const vendor = !exchange.url.pathname.startsWith('/__mock');
          if (vendor && draft.json !== undefined) defect.response?.(exchange, draft);
          if (vendor && draft.json !== undefined && defect.respond !== undefined) await defect.respond(exchange, draft, (pathAndQuery) => upstreamJson(upstream, pathAndQuery, exchange.headers));
          const payload = draft.json === undefined ? text : JSON.stringify(draft.json);
          const headers: Record<string, string | string[] | undefined> = {};
          for (const [key, value] of Object.entries(up.headers)) if (!['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'etag'].includes(key)) headers[key] = value;
          headers['content-type'] ??= 'application/json';
          if (vendor) defect.headers?.(exchange, headers);
          const delay = vendor ? defect.delayMs?.(exchange) ?? 0 : 0;
          if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
          res.writeHead(draft.status, headers);
          res.end(payload);
        })());
      });
      out.on('error', () => { res.writeHead(502).end(); });
      out.end(exchange.body === '' ? undefined : exchange.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function upstreamJson(upstream: string, pathAndQuery: string, headers: IncomingHttpHeaders): Promise<unknown> {
  return new Promise((resolve) => {
    const out = request(new URL(pathAndQuery, upstream), { headers: { authorization: headers.authorization ?? '', 'x-api-version': '2025-09' } }, (up) => {
      let text = '';
      up.setEncoding('utf8');
      up.on('data', (chunk: string) => { text += chunk; });
      up.on('end', () => resolve(safeJson(text)));
    });
    out.on('error', () => resolve(undefined));
    out.end();
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

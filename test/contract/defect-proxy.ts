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
        up.on('end', () => {
          const draft: ResponseDraft = { status: up.statusCode ?? 502, json: text === '' ? undefined : safeJson(text) };
          if (!exchange.url.pathname.startsWith('/__mock') && draft.json !== undefined) defect.response?.(exchange, draft);
          const payload = draft.json === undefined ? text : JSON.stringify(draft.json);
          res.writeHead(draft.status, { 'content-type': up.headers['content-type'] ?? 'application/json' });
          res.end(payload);
        });
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

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

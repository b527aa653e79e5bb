/**
 * The contract suite's HTTP client: any target (http or https), a body on a GET when asked (Multiplai's
 * clients send one), a timeout, and the whole exchange kept for the report.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface ContractRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface ContractResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly text: string;
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  readonly json: unknown;
  readonly durationMs: number;
}

export class TargetUnreachable extends Error {
  constructor(url: string, cause: string) {
    super(`cannot reach ${url}: ${cause}`);
    this.name = 'TargetUnreachable';
  }
}

export function send(req: ContractRequest, timeoutMs = 15_000): Promise<ContractResponse> {
  const started = performance.now();
  const url = new URL(req.url);
  const requestFn = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
  return new Promise((resolve, reject) => {
    const outgoing = requestFn(url, { method: req.method, headers, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => {
        let json: unknown;
        try { json = text === '' ? undefined : JSON.parse(text); } catch { json = undefined; }
        const flat: Record<string, string | undefined> = {};
        for (const [key, value] of Object.entries(res.headers)) flat[key] = Array.isArray(value) ? value.join(', ') : value;
        resolve({ status: res.statusCode ?? 0, headers: flat, text, json, durationMs: performance.now() - started });
      });
      res.on('error', (error) => reject(new TargetUnreachable(req.url, error.message)));
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on('error', (error) => reject(new TargetUnreachable(req.url, error.message)));
    if (req.body !== undefined) outgoing.write(req.body);
    outgoing.end();
  });
}

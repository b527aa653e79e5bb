/**
 * Slow clients for the soak test (bench/soak.ts): raw TCP connections to the server that never finish a
 * request, each of a kind the server's timeouts must cut:
 *
 * - `idle`: connects and sends nothing (headersTimeout);
 * - `header-trickle`: sends a request line and headers one byte at a time, never the blank line (headersTimeout);
 * - `body-trickle`: sends whole headers announcing a body, then the body one byte at a time (requestTimeout);
 * - `keep-alive-idle`: sends one whole request, reads the answer, then idles on the connection (keepAliveTimeout).
 *
 * While `replacing`, a client the server cut is replaced by a new one of its kind, so that the set stays at
 * its size for the whole load; the number opened is bounded (`maxOpened`). Every connection is to loopback,
 * and `destroyAll` closes whatever is left.
 */
import net from 'node:net';

export const SLOW_KINDS = ['idle', 'header-trickle', 'body-trickle', 'keep-alive-idle'] as const;
export type SlowKind = (typeof SLOW_KINDS)[number];

/** How a slow client's connection ended. */
export type SlowEnd =
  /** The server answered 408 Request Timeout and closed (its requestTimeout or headersTimeout). */
  | 'server-408'
  /** The server closed without a 408 (keepAliveTimeout, or another reason). */
  | 'server-close'
  /** The server reset the connection. */
  | 'server-reset'
  /** Could not connect, or another socket error. */
  | 'error'
  /** Closed by us: still open when the soak gave up waiting. */
  | 'ours';

export interface SlowClientSettings {
  readonly host: string;
  readonly port: number;
  /** How many of each kind to keep open. */
  readonly mix: Readonly<Record<SlowKind, number>>;
  /** A trickling client sends one byte this often. */
  readonly trickleIntervalMs: number;
  /** Most clients opened in all, replacements included. */
  readonly maxOpened: number;
  /** A bearer token that works (the body trickle is a Multiplai metrics query, the keep-alive client asks /__mock/health). */
  readonly token: string;
  /** The body the body trickle sends (a Multiplai metrics query), padded with spaces to `bodyBytes`. */
  readonly body: string;
  readonly bodyBytes: number;
}

interface SlowClient {
  readonly kind: SlowKind;
  readonly socket: net.Socket;
  /** performance.now() of the connect call. */
  readonly openedAt: number;
  /** keep-alive-idle: when the answer arrived (its idle time starts then). */
  answeredAt?: number;
  /** keep-alive-idle: the answer's status line. */
  status?: string;
  closedAt?: number;
  end?: SlowEnd;
  /** Bytes of the request sent so far. */
  sent: number;
  /** What the server sent (first 256 bytes). */
  received: string;
  gotEnd: boolean;
  error?: string;
  ours: boolean;
}

export interface SlowKindSummary {
  readonly opened: number;
  /** Ended by the server (408, close or reset). */
  readonly cutByServer: number;
  readonly cutWith408: number;
  readonly errors: number;
  readonly stillOpen: number;
  /**
   * Time from the start of what the timeout measures to the cut, ms (from connecting; for
   * keep-alive-idle from its answer): min, median and max over the clients the server cut.
   */
  readonly cutAfterMs: { readonly min: number | null; readonly median: number | null; readonly max: number | null };
  /** keep-alive-idle only: answers to its one request that were not 200. */
  readonly badAnswers?: number;
}

export interface SlowSummary {
  readonly opened: number;
  readonly cutByServer: number;
  readonly cutWith408: number;
  readonly errors: number;
  /** Still open when the last of them was waited for (closed by us then). */
  readonly stillOpen: number;
  readonly byKind: Readonly<Record<SlowKind, SlowKindSummary>>;
  /** Up to 5 examples of clients that ended otherwise than cut by the server. */
  readonly examples: readonly string[];
}

export class SlowClients {
  readonly #settings: SlowClientSettings;
  readonly #clients: SlowClient[] = [];
  readonly #open = new Set<SlowClient>();
  #replacing = false;
  #ticker: NodeJS.Timeout | undefined;
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(settings: SlowClientSettings) {
    this.#settings = settings;
  }

  /** Opens every client of the mix and keeps replacing the ones cut until `stopReplacing`. */
  start(): void {
    this.#replacing = true;
    for (const kind of SLOW_KINDS) for (let i = 0; i < this.#settings.mix[kind]; i++) this.#openOne(kind);
    this.#ticker = setInterval(() => this.#trickle(), this.#settings.trickleIntervalMs);
  }

  stopReplacing(): void {
    this.#replacing = false;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  get openCount(): number {
    return this.#open.size;
  }

  get openedCount(): number {
    return this.#clients.length;
  }

  /** Resolves when every client has closed, or at `deadline` (performance.now()), whichever comes first. */
  async waitAllClosed(deadline: number): Promise<void> {
    while (this.#open.size > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  /** Closes whatever is still open (counted as still open: `ours`). */
  destroyAll(): void {
    this.stopReplacing();
    if (this.#ticker !== undefined) clearInterval(this.#ticker);
    for (const client of [...this.#open]) {
      client.ours = true;
      client.socket.destroy();
      this.#closed(client);
    }
  }

  summary(): SlowSummary {
    const byKind = Object.fromEntries(SLOW_KINDS.map((kind) => [kind, this.#kindSummary(kind)])) as Record<SlowKind, SlowKindSummary>;
    const sum = (field: 'opened' | 'cutByServer' | 'cutWith408' | 'errors' | 'stillOpen') => SLOW_KINDS.reduce((n, kind) => n + byKind[kind][field], 0);
    const examples = this.#clients
      .filter((c) => c.end === 'error' || c.end === 'ours' || c.end === undefined)
      .slice(0, 5)
      .map((c) => `${c.kind}: ${c.end ?? 'open'} after ${Math.round((c.closedAt ?? performance.now()) - c.openedAt)} ms, ${c.sent} bytes sent${c.error === undefined ? '' : `, ${c.error}`}${c.received === '' ? '' : `, got ${JSON.stringify(c.received.slice(0, 60))}`}`);
    return { opened: sum('opened'), cutByServer: sum('cutByServer'), cutWith408: sum('cutWith408'), errors: sum('errors'), stillOpen: sum('stillOpen'), byKind, examples };
  }

  #kindSummary(kind: SlowKind): SlowKindSummary {
    const clients = this.#clients.filter((c) => c.kind === kind);
    const cut = clients.filter((c) => c.end === 'server-408' || c.end === 'server-close' || c.end === 'server-reset');
    const after = cut
      .map((c) => (c.closedAt as number) - (kind === 'keep-alive-idle' ? (c.answeredAt ?? c.openedAt) : c.openedAt))
      .sort((a, b) => a - b);
    const at = (q: number) => (after.length === 0 ? null : Math.round(after[Math.min(after.length - 1, Math.floor(q * (after.length - 1)))] as number));
    return {
      opened: clients.length,
      cutByServer: cut.length,
      cutWith408: clients.filter((c) => c.end === 'server-408').length,
      errors: clients.filter((c) => c.end === 'error').length,
      stillOpen: clients.filter((c) => c.end === 'ours' || c.end === undefined).length,
      cutAfterMs: { min: at(0), median: at(0.5), max: at(1) },
      ...(kind === 'keep-alive-idle' ? { badAnswers: clients.filter((c) => c.status !== undefined && !/^HTTP\/1\.1 200 /.test(c.status)).length } : {}),
    };
  }

  #openOne(kind: SlowKind): void {
    if (this.#clients.length >= this.#settings.maxOpened) return;
    const socket = net.connect(this.#settings.port, this.#settings.host);
    const client: SlowClient = { kind, socket, openedAt: performance.now(), sent: 0, received: '', gotEnd: false, ours: false };
    this.#clients.push(client);
    this.#open.add(client);
    socket.setNoDelay(true);
    socket.on('connect', () => {
      if (kind === 'body-trickle') this.#write(client, this.#bodyHeaders());
      if (kind === 'keep-alive-idle') this.#write(client, `GET /__mock/health HTTP/1.1\r\nHost: ${this.#hostHeader()}\r\n\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      if (client.received.length < 256) client.received += chunk.toString('latin1').slice(0, 256 - client.received.length);
      if (kind === 'keep-alive-idle' && client.answeredAt === undefined && client.received.includes('\r\n\r\n')) {
        client.answeredAt = performance.now();
        client.status = client.received.split('\r\n')[0];
      }
    });
    socket.on('end', () => {
      client.gotEnd = true;
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      client.error = error.code ?? error.message;
    });
    socket.on('close', () => this.#closed(client));
  }

  #closed(client: SlowClient): void {
    if (!this.#open.delete(client)) return;
    client.closedAt = performance.now();
    client.end = client.ours
      ? 'ours'
      : /^HTTP\/1\.1 408 /.test(client.received) || client.received.includes('\r\nHTTP/1.1 408 ')
        ? 'server-408'
        : client.gotEnd
          ? 'server-close'
          : client.error === 'ECONNRESET' || client.error === 'EPIPE'
            ? 'server-reset'
            : 'error';
    if (this.#replacing) {
      // A short pause: a server refusing connections must not make this a busy loop.
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        if (this.#replacing) this.#openOne(client.kind);
      }, 100);
      this.#timers.add(timer);
    }
  }

  #hostHeader(): string {
    return `${this.#settings.host}:${this.#settings.port}`;
  }

  /** The header trickle's endless text: a request line, a Host, then a header whose value never ends. */
  #headerText(index: number): string {
    const start = `GET /__mock/health HTTP/1.1\r\nHost: ${this.#hostHeader()}\r\nX-Slow: `;
    return index < start.length ? (start[index] as string) : 'a';
  }

  #bodyHeaders(): string {
    return [
      'GET /multiplai/api/v1/workspaces/metrics HTTP/1.1',
      `Host: ${this.#hostHeader()}`,
      `Authorization: Bearer ${this.#settings.token}`,
      'Content-Type: application/json',
      `Content-Length: ${this.#settings.bodyBytes}`,
      '',
      '',
    ].join('\r\n');
  }

  #bodyByte(index: number): string {
    return index < this.#settings.body.length ? (this.#settings.body[index] as string) : ' ';
  }

  #trickle(): void {
    for (const client of this.#open) {
      if (client.socket.connecting || client.socket.destroyed) continue;
      if (client.kind === 'header-trickle') this.#write(client, this.#headerText(client.sent));
      else if (client.kind === 'body-trickle') {
        const bodySent = client.sent - Buffer.byteLength(this.#bodyHeaders());
        // Never the body's last byte: the request must stay unfinished.
        if (bodySent < this.#settings.bodyBytes - 1) this.#write(client, this.#bodyByte(bodySent));
      }
    }
  }

  #write(client: SlowClient, text: string): void {
    client.sent += Buffer.byteLength(text);
    client.socket.write(text);
  }
}

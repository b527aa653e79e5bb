/**
 * The request journal: what the server answered (method, path, query, status, duration, which API),
 * newest first, bounded (oldest dropped first) and filterable (GET /__mock/requests).
 */
import { API_NAMES, mountOf, mountPath } from '../apis.ts';

export type JournalApi = (typeof API_NAMES)[number] | 'admin' | null;

export interface JournalEntry {
  readonly id: number;
  readonly at: string;
  readonly clockNow: string;
  readonly api: JournalApi;
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string | string[]>;
  readonly status: number;
  readonly durationMs: number;
  readonly fault: boolean;
  readonly faultRule: string | null;
}

export interface JournalFilter {
  readonly api?: readonly string[];
  readonly method?: readonly string[];
  /** `404` or a class like `4xx`. */
  readonly status?: string;
  /** Path prefix, mount included. */
  readonly path?: string;
  readonly since?: number;
  readonly fault?: boolean;
  readonly limit: number;
}

export const JOURNAL_CAPACITY = 10_000;

/** What is kept per request: raw numbers and the parsed query, formatted only when the journal is read. */
interface StoredEntry {
  readonly id: number;
  readonly atMs: number;
  readonly clockMs: number;
  readonly api: JournalApi;
  readonly method: string;
  readonly path: string;
  /** The raw query string, decoded only when the journal is read. */
  readonly query: string;
  readonly status: number;
  readonly durationMs: number;
  readonly faultRule: string | null;
}

export type RecordedRequest = Omit<StoredEntry, 'id'>;

export class RequestJournal {
  readonly capacity: number;
  /** A ring: `#next` is where the next entry goes. */
  readonly #entries: (StoredEntry | undefined)[];
  #next = 0;
  #size = 0;
  #lastId = 0;
  #dropped = 0;

  constructor(capacity = JOURNAL_CAPACITY) {
    this.capacity = capacity;
    this.#entries = new Array<StoredEntry | undefined>(capacity);
  }

  get dropped(): number {
    return this.#dropped;
  }

  record(entry: RecordedRequest): void {
    if (this.#size === this.capacity) this.#dropped++;
    else this.#size++;
    const { atMs, clockMs, api, method, path, query, status, durationMs, faultRule } = entry;
    this.#entries[this.#next] = { id: ++this.#lastId, atMs, clockMs, api, method, path, query, status, durationMs, faultRule };
    this.#next = (this.#next + 1) % this.capacity;
  }

  clear(): void {
    this.#entries.fill(undefined);
    this.#next = 0;
    this.#size = 0;
    this.#dropped = 0;
  }

  /** Entries matching every filter, newest first: the first `limit`, and how many matched in all. */
  query(filter: JournalFilter): { entries: JournalEntry[]; total: number } {
    const entries: JournalEntry[] = [];
    let total = 0;
    for (let i = 1; i <= this.#size; i++) {
      const stored = this.#entries[(this.#next - i + this.capacity) % this.capacity] as StoredEntry;
      if (!matches(stored, filter)) continue;
      total++;
      if (entries.length < filter.limit) entries.push(present(stored));
    }
    return { entries, total };
  }
}

function present({ atMs, clockMs, query, faultRule, ...rest }: StoredEntry): JournalEntry {
  return { ...rest, at: new Date(atMs).toISOString(), clockNow: new Date(clockMs).toISOString(), query: plainQuery(query), fault: faultRule !== null, faultRule };
}

function matches(entry: StoredEntry, filter: JournalFilter): boolean {
  if (filter.api && !filter.api.includes(String(entry.api))) return false;
  if (filter.method && !filter.method.includes(entry.method)) return false;
  if (filter.path !== undefined && !entry.path.startsWith(filter.path)) return false;
  if (filter.since !== undefined && entry.atMs < filter.since) return false;
  if (filter.fault !== undefined && (entry.faultRule !== null) !== filter.fault) return false;
  if (filter.status !== undefined) {
    const status = String(entry.status);
    if (/^\dxx$/i.test(filter.status) ? status[0] !== filter.status[0] : status !== filter.status) return false;
  }
  return true;
}

const API_OF_MOUNT = new Map<string, JournalApi>([['/__mock', 'admin'], ...API_NAMES.map((api) => [mountPath(api), api] as const)]);

/** Which API a request path belongs to: its first segment names the mount (in any case, as routing reads it). */
export function apiOfPath(path: string): JournalApi {
  return API_OF_MOUNT.get(mountOf(path)) ?? null;
}

/**
 * Query parameters whose values are credentials: a client that puts its token in the URL must not find it
 * in the journal (which any admin client reads), so their values are shown as `[redacted]`.
 */
const SECRET_PARAMETER = /token|secret|passw|api[-_]?key|^key$|auth|signature|^sig$|session|jwt|credential/i;

/** The query string with the values of credential parameters replaced (for a log line; the journal's own entries redact in plainQuery). */
export function redactedQuery(query: string): string {
  if (query === '') return query;
  let redacted = false;
  const parts = query.split('&').map((part) => {
    const equals = part.indexOf('=');
    const name = equals === -1 ? part : part.slice(0, equals);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name.replaceAll('+', ' '));
    } catch {
      // A malformed escape: judged by the raw name.
    }
    if (!SECRET_PARAMETER.test(decoded)) return part;
    redacted = true;
    return `${name}=[redacted]`;
  });
  return redacted ? parts.join('&') : query;
}

/** The query parameters, decoded; a repeated name gives an array (`filters[period]` stays that name); secrets redacted. */
function plainQuery(query: string): Record<string, string | string[]> {
  // No prototype: a parameter named `toString` or `__proto__` is a parameter like any other.
  const out = Object.create(null) as Record<string, string | string[]>;
  for (const [key, raw] of new URLSearchParams(query)) {
    const value = SECRET_PARAMETER.test(key) ? '[redacted]' : raw;
    const previous = out[key];
    out[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}

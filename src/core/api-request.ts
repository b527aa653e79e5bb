/**
 * A request as the vendor views read it: headers by name, the query string parsed once, the path
 * parameters of the matched operation, and the body's bytes.
 */
import { headerValue, type CoreRequest } from './http-message.ts';
import { parseQueryString } from './query-string.ts';

export class ApiRequest {
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  readonly #request: CoreRequest;
  #query: Record<string, unknown> | undefined;

  constructor(request: CoreRequest, params: Readonly<Record<string, string>> = {}) {
    this.#request = request;
    this.method = request.method;
    this.params = params;
  }

  /** A header's value, by its name in any case. */
  get(name: string): string | undefined {
    return headerValue(this.#request.headers, name.toLowerCase());
  }

  /** The query string's parameters, parsed on first use. */
  get query(): Record<string, unknown> {
    return (this.#query ??= parseQueryString(this.#request.query));
  }

  get body(): Uint8Array | undefined {
    return this.#request.body;
  }

  get raw(): CoreRequest {
    return this.#request;
  }
}

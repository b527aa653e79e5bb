/** A raw HTTP client for tests: the contract suite's own (it can send a body with a GET, as Multiplai's clients do). */
import { send } from '../../src/contract/http-client.ts';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly json: unknown;
}

export async function httpRequest(
  url: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const response = await send({ method, url, headers, ...(body === undefined ? {} : { body }) });
  return { status: response.status, headers: response.headers, text: response.text, json: response.json };
}

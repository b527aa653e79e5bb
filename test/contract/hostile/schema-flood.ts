/**
 * Flowmock's answers with every StackAI row schema-invalid (`latency` a string, `state` lower-case) and
 * every other API's numbers as strings: the case that made the suite die of heap exhaustion.
 */
import { forward, isVendor, serve, type HostileTarget } from './server.ts';

type Json = Record<string, unknown>;

function stringify(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(stringify);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, stringify(v)]));
  return value;
}

export const schemaFlood: HostileTarget = {
  name: 'schema-flood',
  behaviour: 'every StackAI row schema-invalid, every number of the other APIs a string',
  start: (upstream) => serve((req, res) => forward(upstream, req, res, (answer, path) => {
    if (!isVendor(path) || answer.status !== 200) return;
    const json = JSON.parse(answer.body) as unknown;
    const spoilt = Array.isArray(json)
      ? json.map((row: Json) => ({ ...row, latency: String(row.latency), state: typeof row.state === 'string' ? row.state.toLowerCase() : row.state }))
      : stringify(json);
    answer.body = JSON.stringify(spoilt);
  })),
};

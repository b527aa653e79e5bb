/**
 * A page of StackAI run summaries as JSON, in UTF-8 pieces (docs/performance.md#what-keeps-it-fast).
 *
 * A summary is about a kilobyte of JSON, and serialising a page of 25 was a third of the time of a StackAI
 * answer (more when a text in it, such as an agent's name with an em dash, is outside Latin-1: V8 then
 * builds the whole output two bytes a character). Dashboards page through the same runs again and again,
 * and a summary's JSON is a pure function of the summary. So each run's bytes are remembered with the
 * summary they were written from, and reused while a new summary of the run is the same field for field
 * (its nested LLM usage the same object: run-summary.ts keeps a run's detail while its state and tokens
 * stay): a run that moved on, or was patched, is a miss. Nothing to invalidate; remembered by run, they go
 * when the run goes. The plain rule is `JSON.stringify(page.map(runSummary))`; test/apis/stackai-json.test.ts
 * holds the two equal.
 */
import type { ObservedRun } from '../../domain/observed-status.ts';
import type { Run } from '../../domain/records.ts';
import { JsonArrayPieces } from '../../core/json-array-pieces.ts';
import { SerializedJson, utf8 } from '../../core/serialized-json.ts';
import type { DetailContext } from './run-detail.ts';
import { runSummary, type ProjectRunSummary } from './run-summary.ts';

interface SummaryBytes {
  readonly summary: ProjectRunSummary;
  /** The summary's keys, in order: taken once, when it is remembered. */
  readonly keys: readonly string[];
  /** `,` and the summary's JSON object. */
  readonly bytes: Uint8Array;
}

const remembered = new WeakMap<Run, SummaryBytes>();

/** Between a page's first and last run, the summaries joined (json-array-pieces.ts). */
const arrays = new JsonArrayPieces(8 * 1024 * 1024);

/** The page's summaries as the JSON array StackAI answers. */
export function runSummariesJson(page: readonly ObservedRun[], context: DetailContext): SerializedJson {
  return new SerializedJson(arrays.pieces(page.map((observed) => summaryBytes(observed, context))));
}

function summaryBytes(observed: ObservedRun, context: DetailContext): Uint8Array {
  const summary = runSummary(observed, context);
  const kept = remembered.get(observed.run);
  if (kept !== undefined && sameFields(kept, summary)) return kept.bytes;
  const bytes = utf8(`,${JSON.stringify(summary)}`);
  remembered.set(observed.run, { summary, keys: Object.keys(summary), bytes });
  return bytes;
}

/**
 * Field for field (nested values by identity), in the same key order: the same JSON. The new summary's keys
 * are walked with for-in, which reads V8's cached key list of the object's shape instead of making an array
 * of them (Object.keys of two summaries for each of a page's 25 runs was a fifth of a page's allocation).
 */
function sameFields(kept: SummaryBytes, summary: ProjectRunSummary): boolean {
  const { keys } = kept;
  const old = kept.summary as unknown as Record<string, unknown>;
  const now = summary as unknown as Record<string, unknown>;
  let i = 0;
  for (const key in now) {
    if (key !== keys[i] || !Object.is(old[key], now[key])) return false;
    i++;
  }
  return i === keys.length;
}

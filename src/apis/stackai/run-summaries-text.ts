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
  if (kept !== undefined && sameFields(kept.summary, summary)) return kept.bytes;
  const bytes = utf8(`,${JSON.stringify(summary)}`);
  remembered.set(observed.run, { summary, bytes });
  return bytes;
}

/** Field for field (nested values by identity), in the same key order: the same JSON. */
function sameFields(a: ProjectRunSummary, b: ProjectRunSummary): boolean {
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (let i = 0; i < keysA.length; i++) {
    const key = keysA[i] as keyof ProjectRunSummary;
    if (key !== keysB[i] || !Object.is(a[key], b[key])) return false;
  }
  return true;
}

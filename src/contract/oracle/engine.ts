/**
 * flowmock's own engine, in process, over the state the target serves: its scenario and every change
 * since (`GET /__mock/state`), or a scenario and clock the user names (`--scenario`, `--now`). Asked the
 * same request as the target, it gives the answer the target owes (docs/contract-suite.md#oracle-mode).
 */
import { FlowmockCore } from '../../core/flowmock-core.ts';
import { bodyBytes } from '../../core/http-message.ts';
import type { MockChange } from '../../core/state-changes.ts';
import { MockState } from '../../domain/mock-state.ts';
import type { ScenarioDocument } from '../../domain/scenario/document.ts';
import { validateScenarioDocument } from '../../scenario-files/parse.ts';

export interface EngineAnswer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly text: string;
  readonly json: unknown;
}

export class OracleEngine {
  readonly core: FlowmockCore;

  constructor(scenario: ScenarioDocument, options: { loadNow?: number | undefined; changes?: readonly MockChange[]; now?: number } = {}) {
    const state = new MockState({ scenario, now: options.loadNow });
    this.core = new FlowmockCore(state, { newRequestId: () => '00000000-0000-4000-8000-000000000000' });
    for (const change of options.changes ?? []) this.core.replay(change);
    if (options.now !== undefined) state.clock.set(options.now);
  }

  /** A scenario document as the target gave it (validated as a file would be). */
  static scenarioFrom(value: unknown, source: string): ScenarioDocument {
    return validateScenarioDocument(value, source);
  }

  get now(): number {
    return this.core.state.clock.now();
  }

  /** The engine's answer to a request below an API's mount (`/onepin/api/v1/…`), as the target was asked it. */
  async answer(method: string, path: string, query: string, headers: Readonly<Record<string, string>>, body: string | undefined): Promise<EngineAnswer | undefined> {
    const lower: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
    const bytes = body === undefined ? undefined : new TextEncoder().encode(body);
    if (bytes !== undefined) lower['content-length'] = String(bytes.byteLength);
    const response = await this.core.handle({ method, path, query, headers: lower, body: bytes });
    if (response === undefined) return undefined;
    const text = response.body === undefined ? '' : new TextDecoder().decode(bodyBytes(response.body));
    let json: unknown;
    try { json = text === '' ? undefined : JSON.parse(text); } catch { json = undefined; }
    return { status: response.status, contentType: response.headers['content-type'], text, json };
  }

  /** The fixtures the engine would serve (GET /__mock/fixtures): compared with the target's to recognise its state. */
  async fixtures(): Promise<unknown> {
    return (await this.answer('GET', '/__mock/fixtures', '', {}, undefined))?.json;
  }

  close(): void {
    this.core.close();
  }
}

/**
 * Demo mode's new runs (`--live`): a deterministic stream of arrivals, each workspace at a rate a person
 * sees move at any hour of any day, in the scenario's own mix.
 *
 * - **Rate.** `ratePerMinute` given: that many runs per minute per workspace on average, flat. Left out
 *   (null): at least LIVE_FLOOR_PER_MINUTE per workspace at every hour, whatever the time zone of the
 *   audience, plus the workspace's own recent volume (its last 7 days) shaped by the weekday and
 *   working-hours rhythm, so a scenario busier than the floor still shows its peaks. The rhythm only
 *   ever adds to the floor: an evening or weekend demo never freezes.
 * - **Mix.** Outcomes follow the workspace's `generate.statusMix` (else what its recent runs ended as),
 *   durations its `generate.medianDurationSeconds` (else the median of its recent runs), both drawn as the
 *   scenario generator draws them (log-normal, heavy-tailed; failed runs end sooner).
 * - **Failure bursts.** The scenario's incident windows (`generate.failureBursts` over its `days`, each
 *   1–4 hours) take the same share of the time in live mode, as windows of BURST_MIN..BURST_MAX minutes
 *   (an incident a person can watch) during which most runs of that workspace fail.
 *
 * Each run is planned whole (queue delay, duration, outcome): the observed status then carries it from
 * queued to running to its end as the real clock passes, exactly as any other run.
 */
import type { NewRun } from '../mock-state.ts';
import { Random } from '../random.ts';
import { DAY, HOUR, type Millis } from '../records.ts';
import type { ScenarioDocument } from '../scenario/document.ts';
import { MEAN_RHYTHM_WEIGHT, rhythmWeight } from '../scenario/generate/rhythm.ts';
import type { Dataset } from '../store/dataset.ts';

const MINUTE = 60_000;
const WEEK = 7 * DAY;
/** Runs per minute per workspace that `--live` adds at least, at any hour (product design §5). */
export const LIVE_FLOOR_PER_MINUTE = 6;
/** The generator's defaults (src/domain/scenario/generate/workspace-volume.ts), for a block that gives none. */
const GENERATOR_MIX = { succeeded: 0.86, failed: 0.1, cancelled: 0.04 };
const GENERATOR_BURSTS = 2;
const GENERATOR_DAYS = 90;
/** A generated incident window lasts 1–4 hours: 2.5 h on average. */
const SCENARIO_BURST_MEAN_MS = 2.5 * HOUR;
const BURST_MIN_MS = 2 * MINUTE;
const BURST_MAX_MS = 8 * MINUTE;
/** In a burst, this share of runs fail (as in generated data). */
const BURST_FAILURE_SHARE = 0.65;
const FAILURE_MESSAGES = ['Request timed out after 30000ms', 'Upstream API returned 500 Internal Server Error', 'Rate limit exceeded (429)'] as const;

interface Mix {
  readonly succeeded: number;
  readonly failed: number;
  readonly cancelled: number;
}

interface Source {
  readonly workspace: string;
  readonly flows: readonly { id: string; weight: number; kind: 'workflow' | 'agent' }[];
  readonly users: readonly string[];
  readonly sources: readonly string[];
  /** Flat runs per hour (a rate was given, or the floor). */
  readonly baseRunsPerHour: number;
  /** Runs per hour on top of the base, times the rhythm's weight of the hour. */
  readonly shapedRunsPerHour: number;
  readonly mix: Mix;
  readonly medianMs: number;
  /** The share of time spent in a failure burst; 0 for none. */
  readonly burstShare: number;
  /** The current or next burst: [from, to]. */
  burst: { from: Millis; to: Millis } | undefined;
}

export interface PlannedArrival extends NewRun {
  readonly createdAt: Millis;
}

export interface LiveArrivalsOptions {
  readonly seed: number;
  /** The first arrival comes after this instant. */
  readonly start: Millis;
  /** Runs per minute per workspace on average, flat; null or absent: the floor plus each workspace's own rhythm. */
  readonly ratePerMinute?: number | null;
  /** The scenario in force: its `generate` blocks give each workspace's status mix, durations and bursts. */
  readonly scenario?: ScenarioDocument;
}

export class LiveArrivals {
  readonly #random: Random;
  readonly #sources: Source[];
  #at: Millis;

  constructor(dataset: Dataset, { seed, start, ratePerMinute = null, scenario }: LiveArrivalsOptions) {
    this.#random = new Random(`${seed}:live`);
    this.#at = start;
    const blocks = new Map((scenario?.workspaces ?? []).map((ws) => [ws.id, ws.generate]));
    this.#sources = [...dataset.workspaces()].flatMap((ws): Source[] => {
      const flows = [...ws.flows.values()].filter((f) => f.createdAt <= start);
      if (flows.length === 0) return [];
      const recent = [...ws.runs.inWindow(start - WEEK, start)];
      const finished = recent.filter((r) => r.status === 'succeeded' || r.status === 'failed' || r.status === 'cancelled');
      const durations = finished.filter((r) => r.startedAt !== null && r.finishedAt !== null).map((r) => (r.finishedAt as number) - (r.startedAt as number)).sort((a, b) => a - b);
      const countByFlow = new Map<string, number>();
      for (const run of recent) countByFlow.set(run.flow, (countByFlow.get(run.flow) ?? 0) + 1);
      const generate = blocks.get(ws.workspace.id);
      const observedMix = finished.length === 0 ? GENERATOR_MIX : mixOf(finished.filter((r) => r.status === 'succeeded').length, finished.filter((r) => r.status === 'failed').length, finished.filter((r) => r.status === 'cancelled').length);
      const mix = generate === undefined ? observedMix : generate.statusMix === undefined ? GENERATOR_MIX : mixOf(generate.statusMix.succeeded ?? 0, generate.statusMix.failed ?? 0, generate.statusMix.cancelled ?? 0);
      const medianMs = generate?.medianDurationSeconds !== undefined ? generate.medianDurationSeconds * 1000 : durations.length === 0 ? 45_000 : (durations[Math.floor(durations.length / 2)] as number);
      const burstShare = generate === undefined ? 0 : Math.min(0.5, ((generate.failureBursts ?? GENERATOR_BURSTS) * SCENARIO_BURST_MEAN_MS) / ((generate.days ?? GENERATOR_DAYS) * DAY));
      return [{
        workspace: ws.workspace.id,
        flows: flows.map((f) => ({ id: f.id, weight: 1 + (countByFlow.get(f.id) ?? 0), kind: f.kind })),
        users: [...new Set(recent.map((r) => r.user).filter((u): u is string => u !== null))].sort(),
        sources: [...new Set(recent.map((r) => r.sourceSystem))].sort(),
        baseRunsPerHour: (ratePerMinute ?? LIVE_FLOOR_PER_MINUTE) * 60,
        shapedRunsPerHour: ratePerMinute !== null ? 0 : recent.length / (7 * 24),
        mix,
        medianMs,
        burstShare,
        burst: undefined,
      }];
    });
    for (const source of this.#sources) source.burst = this.#nextBurst(source, start);
  }

  /** Runs per hour of one workspace at an instant (its base, plus its own volume shaped by the hour's rhythm). */
  static rateAt(source: Pick<Source, 'baseRunsPerHour' | 'shapedRunsPerHour'>, at: Millis): number {
    return source.baseRunsPerHour + (source.shapedRunsPerHour * rhythmWeight(at)) / MEAN_RHYTHM_WEIGHT;
  }

  /** The next run to arrive, after the previous one (or after `start`); undefined when nothing can arrive. */
  next(): PlannedArrival | undefined {
    if (this.#sources.length === 0) return undefined;
    const random = this.#random;
    // A Poisson process whose rate is the sum of the workspaces' rates at the instant it is at.
    const rates = this.#sources.map((s) => LiveArrivals.rateAt(s, this.#at));
    const ratePerMs = rates.reduce((sum, r) => sum + r, 0) / HOUR;
    this.#at += Math.max(1, Math.round(-Math.log(1 - random.next()) / ratePerMs));
    const source = this.#sources[pickIndex(random, rates)] as Source;
    const flow = pickWeighted(random, source.flows, (f) => f.weight);
    while (source.burst !== undefined && source.burst.to < this.#at) source.burst = this.#nextBurst(source, source.burst.to);
    const inBurst = source.burst !== undefined && source.burst.from <= this.#at;
    const status = inBurst && random.chance(BURST_FAILURE_SHARE) ? 'failed' : pickStatus(random, source.mix);
    const queued = Math.round(random.logNormal(1500, 0.8));
    const duration = Math.max(200, Math.round(random.logNormal(status === 'failed' ? source.medianMs * 0.6 : source.medianMs, 1.1)));
    // As generated: a third of cancelled runs never started.
    const neverStarted = status === 'cancelled' && random.chance(0.35);
    const startedAt = neverStarted ? null : this.#at + queued;
    const finishedAt = startedAt === null ? this.#at + Math.round(random.logNormal(20_000, 1)) : startedAt + (status === 'cancelled' ? Math.round(duration * random.next()) : duration);
    return {
      workspace: source.workspace,
      flow: flow.id,
      user: source.users.length === 0 || random.chance(0.05) ? null : random.pick(source.users),
      status,
      createdAt: this.#at,
      startedAt,
      finishedAt,
      appActions: status === 'cancelled' && startedAt === null ? 0 : random.int(1, 12),
      tokens: startedAt === null ? 0 : flow.kind === 'agent' ? Math.round(random.logNormal(3500, 0.9)) : random.chance(0.5) ? 0 : Math.round(random.logNormal(900, 1)),
      trigger: flow.kind === 'agent' ? 'chat_assistant' : random.pick(['api', 'scheduled', 'trigger'] as const),
      sourceSystem: source.sources.length === 0 ? 'api' : random.pick(source.sources),
      error: status === 'failed' ? random.pick(FAILURE_MESSAGES) : null,
    };
  }

  /** The next failure burst of a workspace after `after`: gaps drawn so that bursts take `burstShare` of the time. */
  #nextBurst(source: Source, after: Millis): { from: Millis; to: Millis } | undefined {
    if (source.burstShare <= 0) return undefined;
    const length = BURST_MIN_MS + this.#random.next() * (BURST_MAX_MS - BURST_MIN_MS);
    const meanGap = ((BURST_MIN_MS + BURST_MAX_MS) / 2) * (1 / source.burstShare - 1);
    const from = after + Math.round(-Math.log(1 - this.#random.next()) * meanGap);
    return { from, to: from + Math.round(length) };
  }
}

function mixOf(succeeded: number, failed: number, cancelled: number): Mix {
  const total = succeeded + failed + cancelled;
  return total <= 0 ? GENERATOR_MIX : { succeeded: succeeded / total, failed: failed / total, cancelled: cancelled / total };
}

function pickStatus(random: Random, mix: Mix): 'succeeded' | 'failed' | 'cancelled' {
  const roll = random.next();
  return roll < mix.failed ? 'failed' : roll < mix.failed + mix.cancelled ? 'cancelled' : 'succeeded';
}

function pickIndex(random: Random, weights: readonly number[]): number {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let target = random.next() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i] as number;
    if (target < 0) return i;
  }
  return weights.length - 1;
}

function pickWeighted<T>(random: Random, items: readonly T[], weight: (item: T) => number): T {
  return items[pickIndex(random, items.map(weight))] as T;
}

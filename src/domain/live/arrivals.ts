/**
 * Demo mode's new runs (`--live`): a deterministic stream of arrivals in each workspace's own rhythm.
 * The rate follows the workspace's last 7 days (at least a few runs an hour so a demo visibly moves),
 * shaped by the weekday and working-hours curve; flows and users are drawn by their recent activity.
 * Each run is planned whole (queue delay, duration, outcome): the observed status then carries it from
 * queued to running to its end as the real clock passes, exactly as any other run.
 */
import type { NewRun } from '../mock-state.ts';
import { Random } from '../random.ts';
import { HOUR, type Millis } from '../records.ts';
import { MEAN_RHYTHM_WEIGHT, rhythmWeight } from '../scenario/generate/rhythm.ts';
import type { Dataset } from '../store/dataset.ts';

const WEEK = 7 * 24 * HOUR;
const MIN_RUNS_PER_HOUR = 6;

interface Source {
  readonly workspace: string;
  readonly flows: readonly { id: string; weight: number; kind: 'workflow' | 'agent' }[];
  readonly users: readonly string[];
  readonly sources: readonly string[];
  readonly runsPerHour: number;
  readonly failureRate: number;
  readonly medianMs: number;
}

export interface PlannedArrival extends NewRun {
  readonly createdAt: Millis;
}

export class LiveArrivals {
  readonly #random: Random;
  readonly #sources: Source[];
  readonly #totalRate: number;
  #at: Millis;

  /**
   * `ratePerMinute`: a flat rate per workspace, at any hour (a demo that must visibly move); null or
   * absent: each workspace's own recent rate, shaped by the weekday and working-hours rhythm.
   */
  readonly #flatRate: boolean;

  constructor(dataset: Dataset, { seed, start, ratePerMinute = null }: { seed: number; start: Millis; ratePerMinute?: number | null }) {
    this.#flatRate = ratePerMinute !== null;
    this.#random = new Random(`${seed}:live`);
    this.#at = start;
    this.#sources = [...dataset.workspaces()].flatMap((ws): Source[] => {
      const flows = [...ws.flows.values()].filter((f) => f.createdAt <= start);
      if (flows.length === 0) return [];
      const recent = [...ws.runs.inWindow(start - WEEK, start)];
      const finished = recent.filter((r) => r.status === 'succeeded' || r.status === 'failed');
      const durations = finished.filter((r) => r.startedAt !== null && r.finishedAt !== null).map((r) => (r.finishedAt as number) - (r.startedAt as number)).sort((a, b) => a - b);
      const countByFlow = new Map<string, number>();
      for (const run of recent) countByFlow.set(run.flow, (countByFlow.get(run.flow) ?? 0) + 1);
      return [{
        workspace: ws.workspace.id,
        flows: flows.map((f) => ({ id: f.id, weight: 1 + (countByFlow.get(f.id) ?? 0), kind: f.kind })),
        users: [...new Set(recent.map((r) => r.user).filter((u): u is string => u !== null))].sort(),
        sources: [...new Set(recent.map((r) => r.sourceSystem))].sort(),
        runsPerHour: ratePerMinute !== null ? ratePerMinute * 60 : Math.max(MIN_RUNS_PER_HOUR, recent.length / (7 * 24)),
        failureRate: finished.length === 0 ? 0.1 : finished.filter((r) => r.status === 'failed').length / finished.length,
        medianMs: durations.length === 0 ? 45_000 : (durations[Math.floor(durations.length / 2)] as number),
      }];
    });
    this.#totalRate = this.#sources.reduce((sum, s) => sum + s.runsPerHour, 0);
  }

  /** The next run to arrive, after the previous one (or after `start`); undefined when nothing can arrive. */
  next(): PlannedArrival | undefined {
    if (this.#sources.length === 0) return undefined;
    const random = this.#random;
    // A Poisson process whose rate follows the rhythm of the hour it is in.
    const rhythm = this.#flatRate ? 1 : rhythmWeight(this.#at) / MEAN_RHYTHM_WEIGHT;
    const ratePerMs = (this.#totalRate * rhythm) / HOUR;
    this.#at += Math.max(1, Math.round(-Math.log(1 - random.next()) / ratePerMs));
    const source = pickWeighted(random, this.#sources, (s) => s.runsPerHour);
    const flow = pickWeighted(random, source.flows, (f) => f.weight);
    const queued = Math.round(random.logNormal(1500, 0.8));
    const duration = Math.max(200, Math.round(random.logNormal(source.medianMs, 1)));
    const roll = random.next();
    const status = roll < source.failureRate ? 'failed' : roll < source.failureRate + 0.03 ? 'cancelled' : 'succeeded';
    const startedAt = this.#at + queued;
    return {
      workspace: source.workspace,
      flow: flow.id,
      user: source.users.length === 0 || random.chance(0.05) ? null : random.pick(source.users),
      status,
      createdAt: this.#at,
      startedAt,
      finishedAt: startedAt + (status === 'succeeded' ? duration : Math.round(duration * random.next())),
      appActions: random.int(1, 12),
      tokens: flow.kind === 'agent' ? Math.round(random.logNormal(3500, 0.9)) : random.chance(0.5) ? 0 : Math.round(random.logNormal(900, 1)),
      trigger: flow.kind === 'agent' ? 'chat_assistant' : random.pick(['api', 'scheduled', 'trigger'] as const),
      sourceSystem: source.sources.length === 0 ? 'api' : random.pick(source.sources),
      error: status === 'failed' ? random.pick(['Request timed out after 30000ms', 'Upstream API returned 500 Internal Server Error', 'Rate limit exceeded (429)']) : null,
    };
  }
}

function pickWeighted<T>(random: Random, items: readonly T[], weight: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let target = random.next() * total;
  for (const item of items) {
    target -= weight(item);
    if (target < 0) return item;
  }
  return items[items.length - 1] as T;
}

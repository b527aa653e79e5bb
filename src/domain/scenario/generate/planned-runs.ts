/**
 * A workspace's generated runs, from their plan (planWorkspaceVolume, workspace-volume.ts) to rows of the run
 * table: the hourly rhythm, a status mix, log-normal durations, per-flow failure modes and a few incident
 * windows where most runs fail, drawn from a fast seeded generator. Plain data in, columns out, no faker: the
 * Node server runs it in a worker for large volumes (docs/performance.md#generation-beside-indexing).
 */
import { partitionPoint } from '../../../lib/binary-search.ts';
import { Random } from '../../random.ts';
import { HOUR, type Flow, type FlowKind, type Millis } from '../../records.ts';
import { STATUS_INDEX, type RunStatus } from '../../status.ts';
import { YIELD_EVERY } from '../../steps.ts';
import { NONE, TRIGGER_INDEX, type RunTable } from '../../store/run-table.ts';
import type { Trigger } from '../../trigger.ts';
import type { GenerateDocument } from '../document.ts';
import { HourlyRhythm } from './rhythm.ts';
import { WeightedPicker } from './weighted-picker.ts';

const DEFAULT_MIX = { succeeded: 0.86, failed: 0.1, cancelled: 0.04 };
const IN_PROGRESS: readonly [RunStatus, number][] = [
  ['running', 0.5], ['queued', 0.2], ['paused', 0.15], ['awaiting_payment', 0.1], ['payment_confirmed', 0.05],
];
const TRIGGERS: Record<FlowKind, readonly [Trigger, number][]> = {
  workflow: [['api', 30], ['scheduled', 25], ['trigger', 20], ['workflow_builder', 8], ['form', 7], ['batch', 5], ['sub_workflow', 5]],
  agent: [['chat_assistant', 40], ['agent_assistant', 25], ['api', 15], ['workflow_builder', 10], ['form', 5], ['trigger', 5]],
};

/**
 * Everything the generated runs of a workspace are drawn from, as plain data: `writePlannedRuns` writes the
 * same rows from it wherever it runs (in this thread, or in a worker writing to shared columns: the Node
 * server does so for large scenarios, docs/performance.md#generation-beside-indexing).
 */
export interface RunsPlan {
  /** The generator's state when the runs' draws begin. */
  readonly random: readonly [number, number, number, number];
  readonly gen: GenerateDocument;
  /** Indexes in the table's pools from here on. */
  readonly workspace: number;
  readonly start: Millis;
  readonly end: Millis;
  /** By creation. */
  readonly profiles: readonly FlowProfile[];
  readonly runners: readonly number[];
  readonly sources: readonly number[];
  /** The first row of the runs, and how many there are. */
  readonly first: number;
  readonly count: number;
}

export interface FlowProfile {
  readonly flow: Flow;
  /** The flow's index in the table's pool. */
  readonly flowIndex: number;
  readonly blocks: number;
  /** Error messages, as indexes in the table's pool. */
  readonly errors: readonly number[];
  /** Source system, as its index in the table's pool. */
  readonly source: number;
}

/**
 * Writes the planned runs to rows [plan.first, plan.first + plan.count) of `table`, in creation order, and
 * yields how many are written every YIELD_EVERY runs and at the end. The same rows however it is run.
 */
export function* writePlannedRuns(plan: RunsPlan, table: RunTable): Generator<number, void> {
  const { gen, workspace, start, end, profiles, runners, sources, first, count } = plan;
  const random = Random.fromState(plan.random);
  const earliestFlow = (profiles[0] as FlowProfile).flow.createdAt;
  const rhythm = new HourlyRhythm(Math.max(start, earliestFlow), end, random);
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    times[i] = rhythm.sample(random);
    if (i % YIELD_EVERY === YIELD_EVERY - 1) yield 0;
  }
  times.sort();

  // Flow popularity and user activity are both heavy-tailed: a few flows and power users dominate.
  const flowPicker = new WeightedPicker(profiles.map(() => random.logNormal(1, 1.2)));
  const userPicker = new WeightedPicker(runners.map((_, i) => 1 / (i + 1) ** 0.8));
  const mix = gen.statusMix ?? DEFAULT_MIX;
  const finals = new WeightedPicker([mix.succeeded ?? 0, mix.failed ?? 0, mix.cancelled ?? 0]);
  const finalStatuses: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];
  const inProgress = new WeightedPicker(IN_PROGRESS.map(([, w]) => w));
  const triggerPickers = {
    workflow: new WeightedPicker(TRIGGERS.workflow.map(([, w]) => w)),
    agent: new WeightedPicker(TRIGGERS.agent.map(([, w]) => w)),
  };
  const bursts = Array.from({ length: gen.failureBursts ?? 2 }, () => {
    const at = start + random.next() * (end - start);
    return { from: at, to: at + random.int(1, 4) * HOUR };
  });
  const medianMs = (gen.medianDurationSeconds ?? 45) * 1000;
  // Of the most recent runs, enough are left unfinished to make up `inProgressShare` of all runs.
  const recentFrom = end - 6 * HOUR;
  let recentCount = 0;
  for (let i = count - 1; i >= 0 && (times[i] as number) >= recentFrom; i--) recentCount++;
  const unfinishedChance = recentCount === 0 ? 0 : Math.min(1, ((gen.inProgressShare ?? 0.01) * count) / recentCount);

  const writer = new RunWriter(random, table, workspace, end, medianMs, sources);
  const eligible = new EligibleFlowsInOrder(profiles);
  for (let i = 0; i < count; i++) {
    const createdAt = times[i] as number;
    const profile = profiles[flowPicker.pickBelow(random, eligible.at(createdAt))] as FlowProfile;
    const kind = profile.flow.kind;
    const trigger = (TRIGGERS[kind][triggerPickers[kind].pick(random)] as [Trigger, number])[0];
    const user = trigger === 'scheduled' || runners.length === 0 || random.chance(0.04)
      ? NONE
      : (runners[userPicker.pick(random)] as number);
    let status: RunStatus;
    if (createdAt >= recentFrom && random.chance(unfinishedChance)) {
      status = (IN_PROGRESS[inProgress.pick(random)] as [RunStatus, number])[0];
    } else if (inAnyBurst(bursts, createdAt) && random.chance(0.65)) {
      status = 'failed';
    } else {
      status = finalStatuses[finals.pick(random)] as RunStatus;
    }
    writer.write(first + i, createdAt, status, profile, user, trigger);
    if (i % YIELD_EVERY === YIELD_EVERY - 1 || i === count - 1) yield i + 1;
  }
}

/**
 * The rows [from, to) in (createdAt, id) order. Runs are written in createdAt order (the instants are drawn,
 * then sorted), so only runs created at the same millisecond need ordering, by id: the caller gives whole
 * groups of such runs.
 */
export function creationOrder(table: RunTable, from: number, to: number): Int32Array {
  const count = to - from;
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = from + i;
  const createdAt = table.createdAt;
  for (let i = 0; i < count;) {
    let j = i + 1;
    while (j < count && createdAt[from + j] === createdAt[from + i]) j++;
    if (j - i > 1) order.subarray(i, j).sort((a, b) => table.ids.compare(a, b));
    i = j;
  }
  return order;
}

/**
 * How many flows a run created at `at` may belong to: those created by then (a prefix of `flows`, sorted by
 * creation), or the first one.
 */
export function eligibleFlows(flows: readonly { readonly flow: Flow }[], at: Millis): number {
  return Math.max(1, partitionPoint(flows.length, (i) => (flows[i] as { readonly flow: Flow }).flow.createdAt <= at));
}

/** `eligibleFlows` for instants asked in ascending order (generated runs come so): the prefix only grows. */
export class EligibleFlowsInOrder {
  #created = 0;

  constructor(readonly flows: readonly { readonly flow: Flow }[]) {}

  at(at: Millis): number {
    const flows = this.flows;
    while (this.#created < flows.length && (flows[this.#created] as { readonly flow: Flow }).flow.createdAt <= at) this.#created++;
    return Math.max(1, this.#created);
  }
}

function inAnyBurst(bursts: readonly { readonly from: number; readonly to: number }[], at: Millis): boolean {
  for (const burst of bursts) if (at >= burst.from && at <= burst.to) return true;
  return false;
}

/**
 * Draws a run's numbers and writes it as a new row of the table. The draws, and their order, are the ids'
 * and values' seed: never reorder them. (A class with its fixed inputs as fields: called a million times,
 * it allocates nothing per run.)
 */
class RunWriter {
  constructor(
    readonly random: Random,
    readonly table: RunTable,
    /** Pool indexes from here on. */
    readonly workspace: number,
    readonly end: Millis,
    readonly medianMs: number,
    readonly sources: readonly number[],
  ) {}

  /** Writes row `row`; `user`: a pool index, or NONE. */
  write(row: number, createdAt: Millis, status: RunStatus, profile: FlowProfile, user: number, trigger: Trigger): void {
    const { random, table, end, medianMs } = this;
    const queueDelay = Math.round(random.logNormal(1500, 0.8));
    const duration = Math.max(50, Math.round(random.logNormal(status === 'failed' ? medianMs * 0.6 : medianMs, 1.1)));
    let startedAt: Millis | null = null;
    let finishedAt: Millis | null = null;
    let appActions = 0;
    const { blocks } = profile;
    switch (status) {
      case 'succeeded':
        startedAt = createdAt + queueDelay;
        finishedAt = startedAt + duration;
        appActions = blocks + (random.chance(0.3) ? Math.round(random.logNormal(5, 1) * blocks) : 0);
        break;
      case 'failed':
        startedAt = createdAt + queueDelay;
        finishedAt = startedAt + duration;
        appActions = random.int(1, blocks);
        break;
      case 'cancelled':
        if (random.chance(0.35)) {
          finishedAt = createdAt + Math.round(random.logNormal(20_000, 1));
        } else {
          startedAt = createdAt + queueDelay;
          finishedAt = startedAt + Math.round(duration * random.next());
          appActions = random.int(0, blocks);
        }
        break;
      case 'running':
      case 'paused':
        startedAt = Math.min(end, createdAt + queueDelay);
        appActions = random.int(0, blocks);
        break;
      default:
        break;
    }
    const llmHeavy = profile.flow.kind === 'agent';
    const started = startedAt !== null;
    const tokens = !started || (!llmHeavy && random.chance(0.4)) ? 0 : Math.round(random.logNormal(llmHeavy ? 3500 : 900, 0.9));
    random.uuidWords(table.ids.words, row * 4);
    table.workspace[row] = this.workspace;
    table.flow[row] = profile.flowIndex;
    table.user[row] = user;
    table.status[row] = STATUS_INDEX[status];
    table.createdAt[row] = createdAt;
    table.startedAt[row] = startedAt ?? Number.NaN;
    table.finishedAt[row] = finishedAt ?? Number.NaN;
    table.resumed[row] = started && random.chance(status === 'running' ? 0.15 : 0.03) ? 1 : 0;
    table.setAppActions(row, appActions);
    table.setTokens(row, tokens);
    table.trigger[row] = TRIGGER_INDEX[trigger];
    table.source[row] = random.chance(0.7) ? profile.source : random.pick(this.sources);
    table.error[row] = status === 'failed' ? random.pick(profile.errors) : NONE;
  }
}

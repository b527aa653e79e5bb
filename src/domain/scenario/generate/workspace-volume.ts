/**
 * A workspace's `generate` block turned into users, flows and runs, deterministically: faker (seeded) for
 * the words, a fast seeded generator for the numeric volume. Runs follow the hourly rhythm, a status mix,
 * log-normal durations, per-flow failure modes and a few incident windows where most runs fail.
 */
// The package's root entry loads every locale (about 130 ms at start-up) to build this same instance.
import { drain, YIELD_EVERY } from '../../steps.ts';
import { instant } from '../check.ts';
import type { Faker } from '@faker-js/faker';
import { faker as englishFaker } from '@faker-js/faker/locale/en';
import { partitionPoint } from '../../../lib/binary-search.ts';
import { Random, hashString } from '../../random.ts';
import { DAY, HOUR, type Flow, type FlowKind, type Millis, type Share, type User } from '../../records.ts';
import { STATUS_INDEX, type RunStatus } from '../../status.ts';
import type { Trigger } from '../../trigger.ts';
import { NONE, TRIGGER_INDEX, type RunTable } from '../../store/run-table.ts';
import type { GenerateDocument } from '../document.ts';
import { HourlyRhythm } from './rhythm.ts';
import { DEFAULT_SOURCE_SYSTEMS, agentName, errorMessage, workflowName } from './vocabulary.ts';
import { WeightedPicker } from './weighted-picker.ts';

const DEFAULT_MIX = { succeeded: 0.86, failed: 0.1, cancelled: 0.04 };
const IN_PROGRESS: readonly [RunStatus, number][] = [
  ['running', 0.5], ['queued', 0.2], ['paused', 0.15], ['awaiting_payment', 0.1], ['payment_confirmed', 0.05],
];
const TRIGGERS: Record<FlowKind, readonly [Trigger, number][]> = {
  workflow: [['api', 30], ['scheduled', 25], ['trigger', 20], ['workflow_builder', 8], ['form', 7], ['batch', 5], ['sub_workflow', 5]],
  agent: [['chat_assistant', 40], ['agent_assistant', 25], ['api', 15], ['workflow_builder', 10], ['form', 5], ['trigger', 5]],
};

export interface WorkspaceVolumeInput {
  readonly seed: number;
  readonly workspaceId: string;
  readonly generate: GenerateDocument;
  /** End of the span when the block gives none: the clock's now at load time. */
  readonly now: Millis;
  readonly explicitUsers: readonly User[];
  readonly explicitFlows: readonly Flow[];
  /** Where the runs go: rows added at its end, columns written directly (no object per run). */
  readonly runs: RunTable;
}

export interface WorkspaceVolume {
  readonly users: User[];
  readonly flows: Flow[];
  /** The rows of the generated runs in `input.runs`, in (createdAt, id) order. */
  readonly runOrder: Int32Array;
}

interface FlowProfile {
  readonly flow: Flow;
  /** The flow's index in the table's pool. */
  readonly flowIndex: number;
  readonly blocks: number;
  /** Error messages, as indexes in the table's pool. */
  readonly errors: readonly number[];
  /** Source system, as its index in the table's pool. */
  readonly source: number;
}

/** A workspace's generated volume, at once (see generateWorkspaceVolumeSteps). */
export function generateWorkspaceVolume(input: WorkspaceVolumeInput): WorkspaceVolume {
  return drain(generateWorkspaceVolumeSteps(input));
}

/**
 * A workspace's generated volume, in steps: the generator pauses (yields) every YIELD_EVERY runs so that a
 * caller can let other work in between (src/core/sliced.ts); the result is the same however it is run.
 * Users and flows (the only faker draws) are made before the first pause, so a workspace's names depend on
 * its seed alone even when builds take turns.
 */
export function* generateWorkspaceVolumeSteps(input: WorkspaceVolumeInput): Generator<void, WorkspaceVolume> {
  const { generate: gen, workspaceId } = input;
  const seedText = `${input.seed}:${workspaceId}`;
  // One English instance (`new Faker({ locale: [en, base] })`) for every workspace, seeded afresh for each:
  // generation is synchronous, so a workspace's names depend on its seed alone.
  const faker = englishFaker;
  faker.seed(hashString(seedText)[0]);
  const random = new Random(seedText);
  const end = gen.end !== undefined ? instant(gen.end) : input.now;
  const start = end - (gen.days ?? 90) * DAY;

  const users = generateUsers(faker, gen.users ?? 0, input.explicitUsers);
  const allUsers = [...input.explicitUsers, ...users];
  const flows = generateFlows(faker, random, workspaceId, gen, start, end, allUsers);
  const allFlows = [...input.explicitFlows, ...flows].sort((a, b) => a.createdAt - b.createdAt);
  const pools = input.runs.pools;
  const sources = (gen.sourceSystems ?? DEFAULT_SOURCE_SYSTEMS).map((name) => pools.sources.index(name));
  const profiles = allFlows.map((flow): FlowProfile => ({
    flow,
    flowIndex: pools.flows.index(flow.id),
    blocks: random.int(3, 20),
    errors: Array.from({ length: random.int(2, 4) }, () => pools.errors.index(errorMessage(faker))),
    source: random.pick(sources),
  }));
  const runners = allUsers.slice(0, allUsers.length - Math.min(gen.usersWithoutRuns ?? 0, users.length)).map((user) => pools.users.index(user.id));
  const runOrder = yield* generateRuns({ random, gen, workspace: pools.workspaces.index(workspaceId), start, end, profiles, runners, sources, table: input.runs });
  return { users, flows, runOrder };
}

function generateUsers(faker: Faker, count: number, explicit: readonly User[]): User[] {
  const taken = new Set(explicit.map((user) => user.id));
  const users: User[] = [];
  for (let next = 1000; users.length < count; next++) {
    const id = String(next);
    if (taken.has(id)) continue;
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const email = faker.internet.email({ firstName, lastName }).toLowerCase();
    users.push({ id, name: `${firstName} ${lastName}`, email });
  }
  return users;
}

function generateFlows(
  faker: Faker, random: Random, workspaceId: string, gen: GenerateDocument,
  start: Millis, end: Millis, users: readonly User[],
): Flow[] {
  const kinds: FlowKind[] = [
    ...Array<FlowKind>(gen.workflows ?? 0).fill('workflow'),
    ...Array<FlowKind>(gen.agents ?? 0).fill('agent'),
  ];
  return kinds.map((kind): Flow => {
    // Most flows predate the span; the rest appear during it, never in its last day.
    const createdAt = random.chance(0.65)
      ? start - Math.floor(random.next() * 180 * DAY)
      : start + Math.floor(random.next() * Math.max(0, end - start - DAY));
    const shares: Share[] = [];
    const shareCount = random.chance(0.5) ? 0 : random.int(1, 4);
    for (let s = 0; s < shareCount; s++) {
      shares.push({ at: createdAt + Math.floor(random.next() * (end - createdAt)), by: random.pick(users).id });
    }
    shares.sort((a, b) => a.at - b.at);
    return {
      id: random.uuid(),
      workspaceId,
      kind,
      name: kind === 'workflow' ? workflowName(faker) : agentName(faker),
      createdAt,
      createdBy: random.pick(users).id,
      fromTemplate: random.chance(0.3),
      shares,
    };
  });
}

interface RunsInput {
  readonly random: Random;
  readonly gen: GenerateDocument;
  /** Indexes in the table's pools from here on. */
  readonly workspace: number;
  readonly start: Millis;
  readonly end: Millis;
  readonly profiles: readonly FlowProfile[];
  readonly runners: readonly number[];
  readonly sources: readonly number[];
  readonly table: RunTable;
}

function* generateRuns({ random, gen, workspace, start, end, profiles, runners, sources, table }: RunsInput): Generator<void, Int32Array> {
  const count = gen.runs ?? 0;
  if (count === 0 || profiles.length === 0) return new Int32Array(0);
  const earliestFlow = (profiles[0] as FlowProfile).flow.createdAt;
  if (earliestFlow > end) return new Int32Array(0);
  const rhythm = new HourlyRhythm(Math.max(start, earliestFlow), end, random);
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    times[i] = rhythm.sample(random);
    if (i % YIELD_EVERY === YIELD_EVERY - 1) yield;
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

  table.reserve(table.length + count);
  const first = table.length;
  for (let i = 0; i < count; i++) {
    const createdAt = times[i] as number;
    // Only flows that exist by then: they are sorted by creation, so the eligible ones are a prefix.
    const profile = profiles[flowPicker.pickBelow(random, eligibleFlows(profiles, createdAt))] as FlowProfile;
    const kind = profile.flow.kind;
    const trigger = (TRIGGERS[kind][triggerPickers[kind].pick(random)] as [Trigger, number])[0];
    const user = trigger === 'scheduled' || runners.length === 0 || random.chance(0.04)
      ? NONE
      : (runners[userPicker.pick(random)] as number);
    const inBurst = bursts.some((b) => createdAt >= b.from && createdAt <= b.to);
    let status: RunStatus;
    if (createdAt >= recentFrom && random.chance(unfinishedChance)) {
      status = (IN_PROGRESS[inProgress.pick(random)] as [RunStatus, number])[0];
    } else if (inBurst && random.chance(0.65)) {
      status = 'failed';
    } else {
      status = finalStatuses[finals.pick(random)] as RunStatus;
    }
    writeRun({ random, table, workspace, createdAt, status, profile, user, trigger, end, medianMs, sources });
    if (i % YIELD_EVERY === YIELD_EVERY - 1) yield;
  }
  return creationOrder(table, first, count);
}

/**
 * The rows [first, first + count) in (createdAt, id) order. They were made in createdAt order (the instants
 * were drawn, then sorted), so only runs created at the same millisecond need ordering, by id.
 */
function creationOrder(table: RunTable, first: number, count: number): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = first + i;
  const createdAt = table.createdAt;
  for (let i = 0; i < count;) {
    let j = i + 1;
    while (j < count && createdAt[first + j] === createdAt[first + i]) j++;
    if (j - i > 1) order.subarray(i, j).sort((a, b) => table.ids.compare(a, b));
    i = j;
  }
  return order;
}

function eligibleFlows(profiles: readonly FlowProfile[], at: Millis): number {
  return Math.max(1, partitionPoint(profiles.length, (i) => (profiles[i] as FlowProfile).flow.createdAt <= at));
}

interface WriteRunInput {
  readonly random: Random;
  readonly table: RunTable;
  readonly workspace: number;
  readonly createdAt: Millis;
  readonly status: RunStatus;
  readonly profile: FlowProfile;
  /** Pool index, or NONE. */
  readonly user: number;
  readonly trigger: Trigger;
  readonly end: Millis;
  readonly medianMs: number;
  readonly sources: readonly number[];
}

/** Draws a run's numbers and writes it as a new row of `table`. The draws, and their order, are the ids' and values' seed: never reorder them. */
function writeRun({ random, table, workspace, createdAt, status, profile, user, trigger, end, medianMs, sources }: WriteRunInput): void {
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
  const row = table.addRow();
  random.uuidWords(table.ids.words, row * 4);
  table.workspace[row] = workspace;
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
  table.source[row] = random.chance(0.7) ? profile.source : random.pick(sources);
  table.error[row] = status === 'failed' ? random.pick(profile.errors) : NONE;
}

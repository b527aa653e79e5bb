/**
 * A workspace's `generate` block turned into users, flows and a plan of its runs, deterministically: faker
 * (seeded) for the words, a fast seeded generator for the numbers. The runs themselves are written from the
 * plan by planned-runs.ts.
 */
// The package's root entry loads every locale (about 130 ms at start-up) to build this same instance.
import { instant } from '../check.ts';
import type { Faker } from '@faker-js/faker';
import { faker as englishFaker } from '@faker-js/faker/locale/en';
import { Random, hashString } from '../../random.ts';
import { DAY, type Flow, type FlowKind, type Millis, type Share, type User } from '../../records.ts';
import type { RunTable } from '../../store/run-table.ts';
import type { FlowProfile, RunsPlan } from './planned-runs.ts';
import type { GenerateDocument } from '../document.ts';
import { DEFAULT_SOURCE_SYSTEMS, agentName, errorMessage, workflowName } from './vocabulary.ts';

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
  /**
   * The workspace's generated runs, planned: rows [first, first + count) of `input.runs` are theirs (the
   * table's length already counts them) and `writePlannedRuns` writes them. Undefined: no generated runs.
   */
  readonly runs: RunsPlan | undefined;
}

/**
 * A workspace's generated users and flows, and its runs planned (rows reserved at the end of the table,
 * written by `writePlannedRuns`). Users and flows are the only faker draws, made at once, so a workspace's
 * names depend on its seed alone even when builds take turns.
 */
export function planWorkspaceVolume(input: WorkspaceVolumeInput): WorkspaceVolume {
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
  const count = gen.runs ?? 0;
  const first = input.runs.length;
  const some = count > 0 && profiles.length > 0 && (profiles[0] as FlowProfile).flow.createdAt <= end;
  if (!some) return { users, flows, runs: undefined };
  input.runs.reserve(first + count);
  input.runs.length = first + count;
  const plan: RunsPlan = { random: random.state(), gen, workspace: pools.workspaces.index(workspaceId), start, end, profiles, runners, sources, first, count };
  return { users, flows, runs: plan };
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

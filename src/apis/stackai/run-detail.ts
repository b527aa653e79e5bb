/**
 * StackAI's run detail that the canonical run does not hold (conversation, inputs, outputs, LLM usage,
 * feedback, who ran it, the parent of a sub-workflow): taken from the scenario's `detail` when it gives a
 * field, otherwise GENERATED from the run itself (docs/apis.md#stackai). Each aspect draws from its own
 * Random seeded by the run id, so the same run always reads the same, whatever the page, filters or clock,
 * and one aspect can change without shifting the others.
 */
import { partitionPoint } from '../../lib/binary-search.ts';
import type { ObservedRun } from '../../domain/observed-status.ts';
import { Random } from '../../domain/random.ts';
import type { Flow, Run, RunDetail } from '../../domain/records.ts';
import type { StackAiState } from '../../domain/status.ts';
import type { WorkspaceRecords } from '../../domain/store/dataset.ts';
import type { components } from '../../generated/stackai.ts';
import { llmUsage, llmsText } from './llm-usage.ts';
import { runTexts } from './run-texts.ts';

type Summary = components['schemas']['ProjectRunSummary'];
type RanByType = NonNullable<Summary['ran_by_type']>;

export interface DetailContext {
  readonly workspace: WorkspaceRecords;
  readonly flow: Flow;
}

export interface StackaiRunDetail {
  readonly conversationId: string | null;
  readonly inputs: string | null;
  readonly outputs: string | null;
  readonly llms: string | null;
  readonly feedback: string | null;
  readonly llmUsage: components['schemas']['LLMUsageData'][];
  readonly ranByType: RanByType | null;
  readonly ranById: string | null;
  readonly ranByDisplayName: string | null;
  readonly parentRunId: string | null;
  readonly parentProjectId: string | null;
  readonly parentProjectName: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function runDetail(observed: ObservedRun, state: StackAiState, context: DetailContext): StackaiRunDetail {
  const { run } = observed;
  const { workspace, flow } = context;
  const given: RunDetail = run.detail ?? {};
  const random = (aspect: string) => new Random(`stackai:${aspect}:${run.id}`);
  const texts = runTexts(random('texts'), run.trigger, run.createdAt);
  const conversational = run.trigger === 'chat_assistant' || run.trigger === 'agent_assistant';
  const explicitModels = given.llms === undefined ? undefined : (given.llms ?? '').split(',').map((m) => m.trim()).filter((m) => m !== '');
  const usage = llmUsage(random('llm-usage'), flow.id, run.tokens, explicitModels);
  const ranBy = ranByOf(run, workspace);
  const parent = run.trigger === 'sub_workflow' ? parentOf(random('parent'), run, context) : NO_PARENT;
  return {
    conversationId: pick(given.conversationId, conversational ? `conv-${random('conversation').uuid()}` : null),
    inputs: pick(given.inputs, texts.inputs),
    // A run has outputs once it has completed; until then (and after a failure) there are none.
    outputs: pick(given.outputs, state === 'COMPLETED' ? texts.outputs : null),
    llms: given.llms === undefined ? llmsText(usage) : given.llms,
    feedback: pick(given.feedback, state === 'COMPLETED' && run.user !== null ? feedbackOf(random('feedback')) : null),
    llmUsage: usage,
    ranByType: pick(given.ranByType, ranBy.type),
    ranById: pick(given.ranById, ranBy.id),
    ranByDisplayName: pick(given.ranByDisplayName, ranBy.displayName),
    parentRunId: pick(given.parentRunId, parent.runId),
    parentProjectId: pick(given.parentProjectId, parent.projectId),
    parentProjectName: pick(given.parentProjectName, parent.projectName),
  };
}

/** A field the scenario gives (null included) wins over the generated one. */
function pick<T>(explicit: T | null | undefined, generated: T | null): T | null {
  return explicit === undefined ? generated : explicit;
}

/** Most users leave no feedback; of those who do, most are happy. */
function feedbackOf(random: Random): string | null {
  const draw = random.next();
  return draw < 0.22 ? 'thumbs_up' : draw < 0.3 ? 'thumbs_down' : null;
}

interface RanBy {
  readonly type: RanByType;
  readonly id: string | null;
  readonly displayName: string | null;
}

/**
 * A run with a user was run by that user (shown by email). Without one, API and batch runs came in on one
 * of the organisation's API keys, and scheduled, triggered, form and sub-workflow runs were the system's.
 */
function ranByOf(run: Run, workspace: WorkspaceRecords): RanBy {
  if (run.user !== null) {
    const user = workspace.users.get(run.user);
    // ran_by_id is a uuid in the vendor's schema; canonical user ids need not be, so others get a stable stand-in.
    const id = UUID.test(run.user) ? run.user : new Random(`stackai:user:${workspace.workspace.id}:${run.user}`).uuid();
    return { type: 'user', id, displayName: user?.email ?? null };
  }
  if (run.trigger === 'api' || run.trigger === 'batch') {
    const purpose = run.trigger === 'batch' ? 'batch' : 'api';
    return {
      type: 'org_api_key',
      id: new Random(`stackai:org-api-key:${workspace.workspace.id}:${purpose}`).uuid(),
      displayName: `${slug(workspace.workspace.name)}-${purpose}-key`,
    };
  }
  return { type: 'system', id: null, displayName: null };
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'org';
}

interface Parent {
  readonly runId: string | null;
  readonly projectId: string | null;
  readonly projectName: string | null;
}

const NO_PARENT: Parent = { runId: null, projectId: null, projectName: null };

/**
 * A sub-workflow's parent: another flow of the workspace that existed when the run was created (never one
 * from the future), chosen by the run's Random; none when there is no such flow.
 */
function parentOf(random: Random, run: Run, { workspace, flow: own }: DetailContext): Parent {
  const flows = flowsByCreation(workspace);
  // Flows created at or before the run are a prefix of the (createdAt, id) order; the run's own flow is not a candidate.
  const end = partitionPoint(flows.length, (i) => (flows[i] as Flow).createdAt <= run.createdAt);
  const ownIndex = own.createdAt <= run.createdAt ? partitionPoint(flows.length, (i) => compareFlows(flows[i] as Flow, own) < 0) : end;
  const count = ownIndex < end ? end - 1 : end;
  if (count === 0) return NO_PARENT;
  const index = random.int(0, count - 1);
  const parent = flows[index >= ownIndex ? index + 1 : index] as Flow;
  return { runId: random.uuid(), projectId: parent.id, projectName: parent.name };
}

function compareFlows(a: Flow, b: Flow): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The workspace's flows in (createdAt, id) order, sorted once per set of flows (a scenario may hold 100,000). */
const sortedFlows = new WeakMap<ReadonlyMap<string, Flow>, Flow[]>();

function flowsByCreation(workspace: WorkspaceRecords): readonly Flow[] {
  let flows = sortedFlows.get(workspace.flows);
  if (flows === undefined || flows.length !== workspace.flows.size) {
    flows = [...workspace.flows.values()].sort(compareFlows);
    sortedFlows.set(workspace.flows, flows);
  }
  return flows;
}

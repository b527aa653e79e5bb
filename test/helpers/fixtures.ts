/**
 * The ids and tokens of the shipped scenarios (scenarios/*.yaml) that tests use, read from those files when
 * this module is imported. Each workspace, flow and user is looked up by the name its file gives it, so a
 * test says what it means (`EDGE_CASES.edge.flows.onlyCancelled`) and never holds a copy of an id that could
 * go stale; a name missing from its file fails the import, saying which.
 */
import type { ScenarioDocument } from '../../src/domain/scenario/document.ts';
import { loadScenarioFile } from '../../src/node/scenario-file.ts';

export interface WorkspaceFixture<Flow extends string, User extends string> {
  /** StackAI's org_id, OnePin's X-Workspace-Id, B3OS's X-Org-ID, Multiplai's workspace_uuid. */
  readonly workspaceId: string;
  /** Its first token (`Authorization: Bearer <token>`). */
  readonly token: string;
  readonly flows: Readonly<Record<Flow, string>>;
  readonly users: Readonly<Record<User, string>>;
}

/** A workspace of `scenario` found by its name, with the ids of the flows and users named in `names`. */
function workspace<Flow extends string = never, User extends string = never>(
  scenario: ScenarioDocument,
  name: string,
  names: { flows?: Record<Flow, string>; users?: Record<User, string> } = {},
): WorkspaceFixture<Flow, User> {
  const where = `scenarios/${scenario.name}.yaml`;
  const found = scenario.workspaces.find((ws) => ws.name === name) ?? fail(`${where} has no workspace named "${name}"`);
  const ids = <Key extends string>(kind: string, records: readonly { id: string; name: string }[] = [], wanted = {} as Record<Key, string>) =>
    Object.fromEntries(Object.entries<string>(wanted).map(([key, recordName]) => {
      const record = records.find((r) => r.name === recordName) ?? fail(`${where}: workspace "${name}" has no ${kind} named "${recordName}"`);
      return [key, record.id];
    })) as Record<Key, string>;
  return {
    workspaceId: found.id,
    token: found.tokens[0] ?? fail(`${where}: workspace "${name}" has no token`),
    flows: ids('flow', found.flows, names.flows),
    users: ids('user', found.users, names.users),
  };
}

function fail(message: string): never {
  throw new Error(`test/helpers/fixtures.ts: ${message}`);
}

const defaultScenario = loadScenarioFile('default').document;
const edgeCases = loadScenarioFile('edge-cases').document;
const empty = loadScenarioFile('empty').document;

/** scenarios/default.yaml: the scenario `npm start` serves (real clock; the tests freeze it). */
export const DEFAULT = {
  acme: workspace(defaultScenario, 'Acme Robotics', {
    flows: { syncLeads: 'Sync HubSpot leads to Salesforce', supportTriage: 'Support Triage Agent' },
    users: { ada: 'Ada Lovelace', grace: 'Grace Hopper' },
  }),
  globex: workspace(defaultScenario, 'Globex Analytics'),
};

/** scenarios/edge-cases.yaml (now 2027-01-05T12:00:00Z). */
export const EDGE_CASES = {
  edge: workspace(edgeCases, 'Edge Cases Ltd', {
    flows: {
      /** f…01: six runs, one in each unfinished status. */
      noTerminalRuns: 'No terminal runs',
      /** f…02: three cancelled runs, from a template. */
      onlyCancelled: 'Only cancelled',
      /** f…03: an agent with exactly one (succeeded) run. */
      oneRunAgent: 'One run agent',
      /** f…04: the runs on window, bucket and ordering edges. */
      edgesAndTies: 'Edges and ties',
      /** f…05: created 2027-02-01, after now (unknown until the clock gets there). */
      createdInTheFuture: 'Created in the future',
    },
    users: { alice: 'Alice Edge', bob: 'Bob Boundary', carol: 'Carol Norun', dan: 'Dan Idle' },
  }),
  /** Another workspace, for the checks that a token sees only its own. */
  other: workspace(edgeCases, 'Other Org', {
    flows: { someoneElses: "Someone else's flow" },
    users: { olga: 'Olga Other' },
  }),
};

/** scenarios/empty.yaml: workspaces with users and flows, and no run. */
export const EMPTY = {
  quiet: workspace(empty, 'Quiet Co', {
    flows: { nightlyExport: 'Nightly export', faqAgent: 'FAQ Agent' },
    users: { sam: 'Sam Quiet' },
  }),
  brandNew: workspace(empty, 'Brand New Inc'),
};

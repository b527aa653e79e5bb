/**
 * The rules of a scenario that its JSON Schema cannot express: references that must resolve, ids that
 * must be unique, and timelines that must make sense. Every problem is returned, with its path, so a
 * user fixes a file in one pass.
 */
import { parseInstant } from '../../lib/instant.ts';
import { formatJsonPointer } from '../../lib/json-pointer.ts';
import { isClockInstant, LATEST_CLOCK } from '../clock.ts';
import { runRuleProblems } from '../run-lifecycle.ts';
import type { ScenarioDocument, ScenarioProblem } from './document.ts';

export function checkScenario(doc: ScenarioDocument): ScenarioProblem[] {
  const problems: ScenarioProblem[] = instantProblems(doc);
  // The rules below compare instants: they apply once every instant reads as one.
  if (problems.length > 0) return problems;
  const problem = (path: (string | number)[], message: string) => problems.push({ path, message });
  const firstPathOf = new Map<string, string>();
  const unique = (kind: string, id: string, path: (string | number)[]) => {
    const key = `${kind}:${id}`;
    const first = firstPathOf.get(key);
    if (first !== undefined) problem(path, `duplicate ${kind} id "${id}" (first used at ${first})`);
    else firstPathOf.set(key, formatJsonPointer(path));
  };
  const tokenOwner = new Map<string, number>();

  doc.workspaces.forEach((ws, w) => {
    const at = (...rest: (string | number)[]) => ['workspaces', w, ...rest];
    unique('workspace', ws.id, at('id'));
    ws.tokens.forEach((token, t) => {
      const owner = tokenOwner.get(token);
      if (owner !== undefined && owner !== w) problem(at('tokens', t), `token is already a token of /workspaces/${owner}`);
      else if (owner === w) problem(at('tokens', t), 'duplicate token in this workspace');
      tokenOwner.set(token, w);
    });

    const users = new Set<string>();
    (ws.users ?? []).forEach((user, u) => {
      unique(`user (in workspace ${ws.id})`, user.id, at('users', u, 'id'));
      users.add(user.id);
    });

    const flowCreated = new Map<string, number>();
    (ws.flows ?? []).forEach((flow, f) => {
      unique('flow', flow.id, at('flows', f, 'id'));
      const created = instant(flow.createdAt);
      flowCreated.set(flow.id, created);
      if (!users.has(flow.createdBy)) {
        problem(at('flows', f, 'createdBy'), `unknown user id "${flow.createdBy}" (not a user of this workspace)`);
      }
      (flow.shares ?? []).forEach((share, s) => {
        if (!users.has(share.by)) problem(at('flows', f, 'shares', s, 'by'), `unknown user id "${share.by}"`);
        if (instant(share.at) < created) {
          problem(at('flows', f, 'shares', s, 'at'), `shared at ${share.at}, before the flow was created (${flow.createdAt})`);
        }
      });
    });

    (ws.runs ?? []).forEach((run, r) => {
      const path = (field: string) => at('runs', r, field);
      unique('run', run.id, at('runs', r, 'id'));
      const flowCreatedAt = flowCreated.get(run.flow);
      const createdAt = instant(run.createdAt);
      if (flowCreatedAt === undefined) {
        problem(path('flow'), `unknown flow id "${run.flow}" (not a flow of this workspace)`);
      } else if (createdAt < flowCreatedAt) {
        problem(path('createdAt'), `run created at ${run.createdAt}, before its flow exists (flow created ${new Date(flowCreatedAt).toISOString()})`);
      }
      if (run.user != null && !users.has(run.user)) problem(path('user'), `unknown user id "${run.user}"`);

      for (const rule of runRuleProblems({
        status: run.status,
        createdAt,
        startedAt: run.startedAt == null ? null : instant(run.startedAt),
        finishedAt: run.finishedAt == null ? null : instant(run.finishedAt),
        error: run.error ?? null,
        resumed: run.resumed ?? false,
      })) {
        problem([...at('runs', r), ...rule.path], rule.message);
      }
    });

    const gen = ws.generate;
    if (gen !== undefined) {
      if ((gen.usersWithoutRuns ?? 0) > (gen.users ?? 0)) {
        problem(at('generate', 'usersWithoutRuns'), `usersWithoutRuns (${gen.usersWithoutRuns}) is more than users (${gen.users ?? 0})`);
      }
      const flowCount = (ws.flows?.length ?? 0) + (gen.workflows ?? 0) + (gen.agents ?? 0);
      if ((gen.runs ?? 0) > 0 && flowCount === 0) problem(at('generate', 'runs'), 'runs to generate but the workspace has no flows (add flows, or generate workflows or agents)');
      const generatesFlows = (gen.workflows ?? 0) + (gen.agents ?? 0) > 0;
      if (generatesFlows && (ws.users?.length ?? 0) + (gen.users ?? 0) === 0) {
        problem(at('generate'), 'flows to generate but the workspace has no users to create them (add users, or generate some)');
      }
      const mix = gen.statusMix;
      if (mix !== undefined && (mix.succeeded ?? 0) + (mix.failed ?? 0) + (mix.cancelled ?? 0) <= 0) {
        problem(at('generate', 'statusMix'), 'statusMix weights add up to 0');
      }
    }
  });
  return problems;
}

/** An instant of a document whose instants were checked (instantProblems found none). */
export function instant(text: string): number {
  return parseInstant(text) as number;
}

/**
 * Every date-time of the document must name an instant: the schema's `date-time` format lets through what
 * no instant is (a leap second `23:59:60`, an offset of hours alone), and the scenario's `now` must be one
 * the clock can show.
 */
function instantProblems(doc: ScenarioDocument): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const check = (text: string | null | undefined, path: (string | number)[]) => {
    if (text == null) return;
    const at = parseInstant(text);
    if (at !== undefined && at <= LATEST_CLOCK) return;
    problems.push({ path, message: `bad timestamp "${text}": must be an ISO 8601 date-time with a UTC offset, e.g. 2026-11-20T12:00:00Z (no leap second :60, offsets as ±hh:mm)` });
  };
  check(doc.now, ['now']);
  if (doc.now != null && parseInstant(doc.now) !== undefined && !isClockInstant(parseInstant(doc.now) as number)) {
    problems.push({ path: ['now'], message: `now ${doc.now} is outside the clock's range (1970-01-01 to 9999-12-31)` });
  }
  doc.workspaces.forEach((ws, w) => {
    (ws.flows ?? []).forEach((flow, f) => {
      check(flow.createdAt, ['workspaces', w, 'flows', f, 'createdAt']);
      (flow.shares ?? []).forEach((share, s) => check(share.at, ['workspaces', w, 'flows', f, 'shares', s, 'at']));
    });
    (ws.runs ?? []).forEach((run, r) => {
      for (const field of ['createdAt', 'startedAt', 'finishedAt'] as const) check(run[field], ['workspaces', w, 'runs', r, field]);
    });
    check(ws.generate?.end, ['workspaces', w, 'generate', 'end']);
  });
  return problems;
}

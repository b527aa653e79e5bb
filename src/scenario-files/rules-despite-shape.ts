/**
 * The cross-record rules of a scenario (src/domain/scenario/check.ts) checked even where parts of the
 * document break the schema, so that a bad timestamp does not hide an unknown flow three runs further.
 *
 * The rules read a document of the right shape, so the parts the schema refused are first replaced by
 * stand-ins that cannot cause a problem of their own (a flow's unreadable `createdAt` by the earliest instant,
 * an id that is no text by an id nothing refers to), and the rules' problems that a stand-in could cause
 * are dropped: where one problem makes the further checks of a node meaningless, only that root is
 * reported. Concretely, no rule problem is reported
 * - at or below a node the schema refused (it has its problem already);
 * - on the timeline of a run (createdAt, startedAt, finishedAt) one of whose instants is unreadable, nor
 *   on the status-dependent fields (startedAt, finishedAt, error, resumed) of a run whose status is;
 * - in a `generate` block with a problem of shape;
 * - for a reference to a user (or flow) in a workspace whose users (or flows) could not all be read: the
 *   missing one may be the one referred to.
 *
 * An instant the schema lets through but no instant is (a leap second, a `now` beyond the clock's range)
 * stops check.ts before its other rules; it is reported, then treated as unreadable and the rules run again.
 */
import { isClockInstant, LATEST_CLOCK } from '../domain/clock.ts';
import { checkScenario } from '../domain/scenario/check.ts';
import type { ScenarioDocument, ScenarioProblem } from '../domain/scenario/document.ts';
import { parseInstant } from '../lib/instant.ts';
import { formatJsonPointer } from '../lib/json-pointer.ts';

type Path = readonly (string | number)[];
type Obj = Record<string, unknown>;

/** An instant before any a scenario holds: a flow created then precedes all its runs and shares. */
const EARLIEST = '0001-01-01T00:00:00Z';
/** The fields of a scenario that hold instants (`now`; a flow's createdAt, a share's at, a run's three, generate's end). */
const INSTANT_FIELDS = new Set(['now', 'createdAt', 'at', 'startedAt', 'finishedAt', 'end']);
const RUN_STATUSES = new Set(['awaiting_payment', 'payment_confirmed', 'queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled']);

/** The rule problems of `value`, whose nodes at `invalid` (and below) the schema refused. */
export function ruleProblemsDespite(value: unknown, invalid: readonly Path[]): ScenarioProblem[] {
  if (!isObject(value) || !Array.isArray(value.workspaces) || invalid.some((path) => path.length === 0)) return [];
  try {
    if (invalid.length === 0) {
      // The common case, a document of the right shape (a million runs, say), is checked as it is: again
      // with stand-ins only when the rules stopped at instants that are none.
      const problems = checkScenario(value as unknown as ScenarioDocument);
      if (problems.length === 0 || !problems.every((problem) => isUnreadableInstant(value, problem.path))) return problems;
      const replaced = standIns(value, invalid, true);
      return [...problems, ...checkScenario(replaced.doc).filter((problem) => !replaced.ignores(problem.path))];
    }
    // First with the instants as written: any that is no instant stops the rules and is reported alone.
    const asWritten = standIns(value, invalid, false);
    const first = checkScenario(asWritten.doc).filter((problem) => !asWritten.ignores(problem.path));
    if (!asWritten.unreadableInstants) return first;
    const replaced = standIns(value, invalid, true);
    return [...first, ...checkScenario(replaced.doc).filter((problem) => !replaced.ignores(problem.path))];
  } catch (error) {
    // A shape the stand-ins did not foresee: its problems of shape are reported, the rules wait for a fix.
    if (invalid.length > 0) return [];
    throw error;
  }
}

/**
 * `value` with stand-ins where the schema refused a node (and, with `replaceInstants`, where an instant
 * does not read as one), and the paths below which the rules' problems are not reported.
 */
function standIns(value: Obj, invalid: readonly Path[], replaceInstants: boolean) {
  const ignored: Path[] = [...invalid];
  let unreadableInstants = false;
  const isInvalid = (path: Path) => invalid.some((prefix) => startsWith(path, prefix));
  /** Text that names something: as written, a number or boolean as its text, else a stand-in nothing names. */
  const name = (text: unknown, path: Path, onLost?: () => void): string => {
    if (typeof text === 'string') return text;
    if (typeof text === 'number' || typeof text === 'boolean') return String(text);
    onLost?.();
    return `\u0000${formatJsonPointer(path)}`;
  };
  /** An instant's text, or `stand` when it is unreadable (and then `onUnreadable`). */
  const instant = (text: unknown, path: Path, stand: string, onUnreadable: () => void, range = (at: number) => at <= LATEST_CLOCK): string => {
    if (typeof text === 'string' && !isInvalid(path)) {
      const at = parseInstant(text);
      if (at !== undefined && range(at)) return text;
      unreadableInstants = true;
      if (!replaceInstants) return text;
    }
    onUnreadable();
    return stand;
  };
  const records = (list: unknown, path: Path, onLost: () => void, read: (record: Obj, at: Path) => Obj, stand: (at: Path) => Obj): Obj[] => {
    if (list === undefined) return [];
    if (!Array.isArray(list)) {
      onLost();
      return [];
    }
    return list.map((record: unknown, index) => {
      const at = [...path, index];
      if (isObject(record)) return read(record, at);
      onLost();
      ignored.push(at);
      return stand(at);
    });
  };

  const doc: Obj = { ...value };
  if (doc.now != null) {
    const kept = instant(doc.now, ['now'], '', () => ignored.push(['now']), isClockInstant);
    if (kept === '') delete doc.now;
    else doc.now = kept;
  }
  doc.workspaces = (value.workspaces as unknown[]).map((ws: unknown, w) => {
    const at = (...rest: (string | number)[]): Path => ['workspaces', w, ...rest];
    if (!isObject(ws)) {
      ignored.push(at());
      return { id: name(undefined, at('id')), tokens: [] };
    }
    let usersLost = false;
    let flowsLost = false;
    const tokens = Array.isArray(ws.tokens) ? ws.tokens.map((token: unknown, t) => name(token, at('tokens', t))) : [];
    const users = records(ws.users, at('users'), () => { usersLost = true; }, (user, path) => ({ ...user, id: name(user.id, [...path, 'id'], () => { usersLost = true; }) }), (path) => ({ id: name(undefined, path) }));
    const flows = records(ws.flows, at('flows'), () => { flowsLost = true; }, (flow, path) => ({
      ...flow,
      id: name(flow.id, [...path, 'id'], () => { flowsLost = true; }),
      createdAt: instant(flow.createdAt, [...path, 'createdAt'], EARLIEST, () => ignored.push([...path, 'createdAt'])),
      createdBy: name(flow.createdBy, [...path, 'createdBy']),
      shares: records(flow.shares, [...path, 'shares'], () => undefined, (share, sharePath) => ({
        ...share,
        by: name(share.by, [...sharePath, 'by']),
        at: instant(share.at, [...sharePath, 'at'], EARLIEST, () => ignored.push([...sharePath, 'at'])),
      }), (sharePath) => ({ by: name(undefined, sharePath), at: EARLIEST })),
    }), (path) => ({ id: name(undefined, path), createdAt: EARLIEST, createdBy: name(undefined, path), shares: [] }));
    const runs = records(ws.runs, at('runs'), () => undefined, (run, path) => {
      const timeline = () => ignored.push(...['createdAt', 'startedAt', 'finishedAt'].map((field) => [...path, field]));
      const optionalInstant = (field: string) => (run[field] == null && !isInvalid([...path, field]) ? null : instant(run[field], [...path, field], EARLIEST, timeline));
      const statusReadable = typeof run.status === 'string' && RUN_STATUSES.has(run.status) && !isInvalid([...path, 'status']);
      if (!statusReadable) ignored.push(...['startedAt', 'finishedAt', 'error', 'resumed'].map((field) => [...path, field]));
      return {
        ...run,
        id: name(run.id, [...path, 'id']),
        flow: name(run.flow, [...path, 'flow']),
        user: run.user == null ? null : name(run.user, [...path, 'user']),
        status: statusReadable ? run.status : 'queued',
        createdAt: instant(run.createdAt, [...path, 'createdAt'], EARLIEST, timeline),
        startedAt: optionalInstant('startedAt'),
        finishedAt: optionalInstant('finishedAt'),
        error: typeof run.error === 'string' ? run.error : null,
        resumed: run.resumed === true,
      };
    }, (path) => ({ id: name(undefined, path), flow: name(undefined, path), status: 'queued', createdAt: EARLIEST }));

    const workspace: Obj = { ...ws, id: name(ws.id, at('id')), tokens, users, flows, runs };
    const generate = ws.generate;
    if (generate !== undefined) {
      if (!isObject(generate) || isInvalid(at('generate')) || invalid.some((path) => startsWith(path, at('generate')))) {
        delete workspace.generate;
        ignored.push(at('generate'));
      } else if (generate.end !== undefined) {
        // `end` is read by no rule but its own: an unreadable one is left out once reported.
        const end = instant(generate.end, at('generate', 'end'), '', () => undefined);
        workspace.generate = { ...generate, end: end === '' ? undefined : end };
      }
    }
    if (usersLost) {
      flows.forEach((flow, f) => {
        ignored.push(at('flows', f, 'createdBy'));
        (flow.shares as unknown[]).forEach((_share, s) => ignored.push(at('flows', f, 'shares', s, 'by')));
      });
      runs.forEach((_run, r) => ignored.push(at('runs', r, 'user')));
    }
    if (flowsLost) runs.forEach((_run, r) => ignored.push(at('runs', r, 'flow')));
    return workspace;
  });

  return {
    doc: doc as unknown as ScenarioDocument,
    get unreadableInstants() {
      return unreadableInstants;
    },
    ignores: (path: Path) => ignored.some((prefix) => startsWith(path, prefix)),
  };
}

/** Whether the value at `path` is text that names no instant the rules can use (check.ts's first stop). */
function isUnreadableInstant(doc: unknown, path: Path): boolean {
  if (!INSTANT_FIELDS.has(String(path.at(-1)))) return false;
  let text = doc;
  for (const segment of path) text = (text as Record<string | number, unknown> | null | undefined)?.[segment];
  if (typeof text !== 'string') return false;
  const at = parseInstant(text);
  return at === undefined || at > LATEST_CLOCK || (path.length === 1 && path[0] === 'now' && !isClockInstant(at));
}

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}

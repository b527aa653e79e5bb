/**
 * The `/__mock` admin API (specs/admin.yaml): bodies and query parameters validated against that spec,
 * every error an RFC 9457 problem built in problem.ts.
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { parseParameters } from '../apis/shared/request-parameters.ts';
import type { FaultRuleInput } from '../domain/fault-rules.ts';
import { RunRuleError, type MockState } from '../domain/mock-state.ts';
import { pathTemplateSource } from '../domain/path-template.ts';
import { DatasetError } from '../domain/store/dataset.ts';
import type { components } from '../generated/admin.ts';
import { loadSpec, type Operation } from '../openapi/spec-document.ts';
import { specValidator } from '../openapi/spec-validator.ts';
import { validateScenarioDocument } from '../scenario-files/load.ts';
import { ScenarioError } from '../scenario-files/scenario-error.ts';
import type { RequestJournal } from '../server/request-journal.ts';
import { parseCompactYaml } from '../yaml/compact-yaml.ts';
import { adminAccess } from './admin-access.ts';
import { fixtures, health } from './health.ts';
import { AdminProblem, type ProblemField } from './problem.ts';
import { fromNewRunBody, fromRunPatchBody, toRunResource } from './run-resource.ts';

export interface AdminOptions {
  readonly journal: RequestJournal;
  readonly adminToken?: string | undefined;
}

const MAX_BODY = '1mb';
const MAX_SCENARIO_BODY = '64mb';

export function adminRouter(state: MockState, { journal, adminToken }: AdminOptions): Router {
  const router = Router();
  // The admin spec (the largest) is read on the first request that needs it, not at start-up.
  let ops: Map<string, Operation> | undefined;
  const operations = () => (ops ??= new Map(loadSpec('admin').operations().map((o) => [o.operationId, o])));
  const op = (id: string) => operations().get(id) as Operation;
  const iso = () => new Date(state.clock.now()).toISOString();

  router.use(adminAccess(adminToken));
  router.put('/scenario', express.json({ limit: MAX_SCENARIO_BODY }), express.text({ type: ['application/yaml', 'application/x-yaml', 'text/yaml'], limit: MAX_SCENARIO_BODY }));
  router.use(express.json({ limit: MAX_BODY }));

  router.get('/health', (_req, res) => { res.json(health(state)); });
  router.get('/fixtures', (_req, res) => { res.json(fixtures(state)); });

  router.post('/runs', (req, res) => {
    const body = validBody<components['schemas']['NewRun']>(op('createRun'), req);
    const run = domainCall(() => state.addRun(fromNewRunBody(body)));
    res.status(201).location(`/__mock/runs/${run.id}`).json(toRunResource(run, state.clock.now()));
  });

  router.patch('/runs/:id', (req, res) => {
    const { values, problems } = parseParameters(op('updateRun'), req);
    if (problems.length > 0) throw invalidRequest(problems.map((p) => ({ in: p.in as ProblemField['in'], path: `/${p.name}`, message: p.message })));
    const patch = validBody<components['schemas']['RunPatch']>(op('updateRun'), req);
    const run = domainCall(() => state.updateRun(String(values.id), fromRunPatchBody(patch)));
    res.json(toRunResource(run, state.clock.now()));
  });

  router.get('/clock', (_req, res) => { res.json({ now: iso(), mode: state.clock.mode }); });
  router.post('/clock', (req, res) => {
    const body = validBody<{ now?: string; advanceMs?: number; mode?: 'real' }>(op('setClock'), req);
    if (body.now !== undefined) state.setClock({ now: Date.parse(body.now) });
    else if (body.advanceMs !== undefined) state.setClock({ advanceMs: body.advanceMs });
    else state.setClock({ mode: 'real' });
    res.json({ now: iso(), mode: state.clock.mode });
  });

  router.post('/reset', (_req, res) => {
    state.reset();
    res.json(health(state));
  });

  router.get('/scenario', (_req, res) => { res.json(state.scenario); });
  router.put('/scenario', (req, res) => {
    const document = scenarioFromBody(req);
    state.replaceScenario(document);
    res.json(health(state));
  });

  router.get('/requests', (req, res) => {
    const { values, problems } = parseParameters(op('listRequests'), req);
    if (problems.length > 0) throw invalidRequest(problems.map((p) => ({ in: 'query' as const, path: `/${p.name}`, message: p.message })));
    const list = (v: unknown) => (v === undefined ? undefined : String(v).split(',').map((s) => s.trim()).filter(Boolean));
    const { entries, total } = journal.query({
      ...(values.api === undefined ? {} : { api: list(values.api) }),
      ...(values.method === undefined ? {} : { method: list(values.method)?.map((m) => m.toUpperCase()) }),
      ...(values.status === undefined ? {} : { status: String(values.status) }),
      ...(values.path === undefined ? {} : { path: String(values.path) }),
      ...(values.since === undefined ? {} : { since: Date.parse(String(values.since)) }),
      ...(values.fault === undefined ? {} : { fault: values.fault === true || values.fault === 'true' }),
      limit: typeof values.limit === 'number' ? values.limit : 100,
    });
    res.json({ entries, total, capacity: journal.capacity, dropped: journal.dropped });
  });
  router.delete('/requests', (_req, res) => {
    journal.clear();
    res.status(204).end();
  });

  router.get('/faults', (_req, res) => { res.json({ rules: state.faults.rules }); });
  router.put('/faults', (req, res) => {
    const body = validBody<{ rules: FaultRuleInput[] }>(op('replaceFaults'), req);
    const bad = body.rules.flatMap((rule, i) => {
      const problems: ProblemField[] = [];
      if (rule.latencyMs === undefined && rule.status === undefined) problems.push({ path: `/rules/${i}`, message: 'a rule needs latencyMs, status or both' });
      if (typeof rule.latencyMs === 'object' && rule.latencyMs.min > rule.latencyMs.max) problems.push({ path: `/rules/${i}/latencyMs`, message: 'min is greater than max' });
      return problems;
    });
    if (bad.length > 0) throw invalidRequest(bad);
    res.json({ rules: state.setFaults(body.rules) });
  });
  router.delete('/faults', (_req, res) => {
    state.setFaults([]);
    res.status(204).end();
  });

  router.use((req: Request) => {
    const known = [...operations().values()].filter((o) => new RegExp(`^${pathTemplateSource(o.path)}$`).test(`/__mock${req.path}`));
    if (known.length > 0) throw new AdminProblem('method-not-allowed', `${req.method} is not allowed on /__mock${req.path}: use ${known.map((o) => o.method.toUpperCase()).join(', ')}.`);
    throw new AdminProblem('not-found', `There is no admin endpoint at /__mock${req.path}. See specs/admin.yaml.`);
  });

  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const problem = toProblem(error);
    res.status(problem.status).type('application/problem+json').json(problem.body(req.originalUrl.split('?')[0] ?? req.originalUrl));
  });
  return router;
}

/** The request body, checked against the operation's JSON schema; every problem reported. */
function validBody<T>(op: Operation, req: Request): T {
  const body: unknown = req.body;
  if (body === undefined || (typeof body === 'object' && body !== null && Object.keys(body).length === 0 && req.get('content-length') === undefined && !req.is('application/json'))) {
    throw new AdminProblem('invalid-request', 'This endpoint needs a JSON body (Content-Type: application/json).');
  }
  const problems = specValidator().validateAt('admin', `${op.requestBody?.pointer}/content/application~1json/schema`, body);
  if (problems.length > 0) {
    throw invalidRequest(problems.filter((p) => p.keyword !== 'oneOf' || problems.length === 1).map((p) => ({ in: 'body' as const, path: p.path, message: p.message })));
  }
  return body as T;
}

function invalidRequest(errors: ProblemField[]): AdminProblem {
  const n = errors.length;
  return new AdminProblem('invalid-request', `The request has ${n} problem${n === 1 ? '' : 's'}: ${errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ')}.`, errors);
}

function scenarioFromBody(req: Request) {
  let value: unknown = req.body;
  if (typeof value === 'string') {
    try {
      value = parseCompactYaml(value, { uniqueKeys: true, maxAliasCount: 1000 });
    } catch (error) {
      throw new AdminProblem('malformed-body', `The body is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  if (value === undefined) throw new AdminProblem('invalid-request', 'Send the scenario document as the body (application/json or application/yaml).');
  try {
    return validateScenarioDocument(value, 'request body');
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    const errors = error.problems.map((p) => ({ in: 'body' as const, path: p.pointer, message: p.message }));
    const detail = `The scenario${typeof (value as { name?: unknown }).name === 'string' ? ` ${(value as { name: string }).name}` : ''} has ${errors.length} problem${errors.length === 1 ? '' : 's'}; nothing was changed.`;
    throw new AdminProblem(error.stage === 'rules' ? 'invalid-scenario' : 'invalid-request', detail, errors);
  }
}

/** Domain errors to problems: not found → 404, a duplicate → 409, broken run rules → 400 or 409. */
function domainCall<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof RunRuleError) {
      const errors = error.problems.map((p) => ({ in: 'body' as const, path: `/${p.field}`, message: p.message }));
      if (error.reason === 'invalid-run') throw new AdminProblem('invalid-request', error.message, errors);
      throw new AdminProblem(error.reason, error.message, errors);
    }
    if (error instanceof DatasetError) {
      throw new AdminProblem(error.kind === 'not_found' ? 'not-found' : error.kind === 'conflict' ? 'duplicate-id' : 'invalid-request', error.message);
    }
    throw error;
  }
}

function toProblem(error: unknown): AdminProblem {
  if (error instanceof AdminProblem) return error;
  const type = (error as { type?: string } | null)?.type;
  if (type === 'entity.too.large') return new AdminProblem('payload-too-large', 'The request body is too large (1 MiB at most; 64 MiB for a scenario).');
  if (type === 'entity.parse.failed') return new AdminProblem('malformed-body', `The body is not valid JSON: ${(error as Error).message}`);
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return new AdminProblem('unsupported-media-type', (error as Error).message);
  return new AdminProblem('internal-error', 'An unexpected error occurred; the server log has the details.');
}

/** `flowmock serve` as a user runs it: a child process, its console, and HTTP. */
import { API_NAMES } from '../../src/apis.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/openapi/spec-document.ts';
import { SpecValidator } from '../../src/openapi/spec-validator.ts';
import { start, waitForOutput, type Running } from '../helpers/child-process.ts';
import { httpRequest } from '../helpers/http.ts';
import { CLI_ARGS, runCli } from '../helpers/cli.ts';
import { EDGE_CASES } from '../helpers/fixtures.ts';

const validator = new SpecValidator();
const adminOp = (operationId: string) => loadSpec('admin').operations().find((op) => op.operationId === operationId)!;

describe('flowmock serve --scenario edge-cases', () => {
  let server: Running;
  let base: string;

  beforeAll(async () => {
    server = start(process.execPath, [...CLI_ARGS, 'serve', '--scenario', 'edge-cases', '--port', '0']);
    const [, url] = await waitForOutput(server, /admin\s+(http:\/\/127\.0\.0\.1:\d+)\/__mock/);
    base = url as string;
  });
  afterAll(() => server?.stop());

  it("prints each API's base URL and a working token", () => {
    const output = server.output();
    for (const api of API_NAMES) {
      expect(output).toContain(`${base}/${api}`);
    }
    expect(output).toContain(`token: ${EDGE_CASES.edge.token}`);
    expect(output).toMatch(/clock: frozen at 2027-01-05T12:00:00.000Z/);
  });

  it('answers /__mock/health as the admin spec documents', async () => {
    const response = await httpRequest(`${base}/__mock/health`);
    expect(response.status).toBe(200);
    expect(validator.validateResponse(adminOp(healthOperationId()), response.status, response.headers['content-type'] as string, response.json)).toEqual([]);
    expect(response.json).toMatchObject({ status: 'ok', scenario: { name: 'edge-cases', seed: 7 }, clock: { mode: 'frozen', now: '2027-01-05T12:00:00.000Z' }, counts: { workspaces: 2, users: 5, flows: 6, runs: 29 } });
  });

  it('lists fixtures: tokens, users, and the flows visible now with their visible runs', async () => {
    const response = await httpRequest(`${base}/__mock/fixtures`);
    expect(validator.validateResponse(adminOp(fixturesOperationId()), response.status, response.headers['content-type'] as string, response.json)).toEqual([]);
    const body = response.json as { workspaces: { id: string; tokens: string[]; users: { id: string }[]; flows: { id: string; name: string; runCount: number }[] }[] };
    const [edge] = body.workspaces;
    expect(edge?.tokens).toEqual([EDGE_CASES.edge.token]);
    const { alice, bob, carol, dan } = EDGE_CASES.edge.users;
    expect(edge?.users.map((u) => u.id)).toEqual([alice, bob, carol, dan]);
    // "Created in the future" (2027-02-01) is not visible at now.
    expect(edge?.flows.map((f) => [f.name, f.runCount])).toEqual([
      ['Edges and ties', 17], // 18 runs, one created 1 ms after now
      ['No terminal runs', 6],
      ['Only cancelled', 3],
      ['One run agent', 1],
    ]);
  });
});

function healthOperationId(): string {
  return loadSpec('admin').operations().find((op) => op.path === '/__mock/health')!.operationId;
}
function fixturesOperationId(): string {
  return loadSpec('admin').operations().find((op) => op.path === '/__mock/fixtures')!.operationId;
}

describe('flowmock serve refuses what it cannot do, with a clear message', () => {
  it('exits 1 on a bad scenario, naming the file, path and problem', async () => {
    const result = await runCli(['serve', '--scenario', 'test/fixtures/scenarios/unknown-flow.yaml', '--port', '0']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/test\/fixtures\/scenarios\/unknown-flow\.yaml:\d+:\d+ \/workspaces\/0\/runs\/0\/flow: unknown flow id/);
  });

  it('exits 1 on an unknown scenario name, listing the shipped ones', async () => {
    const result = await runCli(['serve', '--scenario', 'nope']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no such scenario: .*default/);
  });

  it('exits 2 when asked to bind a non-loopback address without --admin-token', async () => {
    const result = await runCli(['serve', '--host', '0.0.0.0', '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/refusing to bind 0\.0\.0\.0 without --admin-token/);
  });

  it('exits 2 on a --now without offset', async () => {
    const result = await runCli(['serve', '--now', '2026-01-01T00:00:00']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/invalid --now/);
  });
});

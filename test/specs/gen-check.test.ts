/**
 * `npm run gen:check` fails as soon as a generated file is stale. That it passes on the committed files is
 * proved by `npm test` itself, which runs it before vitest; what a passing run cannot show is that the check
 * would fail, so these cases make a file stale in a scratch copy of the project and expect the failure.
 *
 * To stay cheap, the copy's redocly.yaml lists two APIs instead of six (openapi-typescript runs once per API
 * and is most of the cost): alloy, then b3os. A stale b3os after a current alloy is exactly what
 * openapi-typescript's own `--check` misses (it stops at the first API that matches, see
 * src/dev/generate-types.ts), and a stale alloy must not make b3os look stale.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GEN_CHECK = join(ROOT, 'src/dev/generate-types.ts');
const APIS = ['alloy', 'b3os'];

const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of what the generator reads and compares, its redocly.yaml cut down to APIS, so the repository itself is never touched. */
function copyOfProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowmock-gen-'));
  copies.push(dir);
  for (const path of ['specs', 'scenarios', 'src/generated']) cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  const config = parse(readFileSync(join(ROOT, 'redocly.yaml'), 'utf8')) as { apis: Record<string, unknown> };
  config.apis = Object.fromEntries(APIS.map((api) => [api, config.apis[api]]));
  writeFileSync(join(dir, 'redocly.yaml'), stringify(config));
  return dir;
}

async function check(cwd: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', GEN_CHECK, '--check', cwd], { cwd: ROOT });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('gen:check', () => {
  it('fails when a generated file was edited by hand', async () => {
    const dir = copyOfProject();
    appendFileSync(join(dir, 'src/generated/b3os.ts'), '\nexport type HandEdited = true;\n');
    const result = await check(dir);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/stale: src\/generated\/b3os\.ts/);
  });

  it('fails when a spec changed and the types were not regenerated', async () => {
    const dir = copyOfProject();
    const spec = join(dir, 'specs/alloy.yaml');
    const doc = parse(readFileSync(spec, 'utf8')) as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    doc.components.schemas.GetWorkflowAnalyticsResponseBody!.properties.totalRetries = { type: 'integer', description: 'A field added to the spec.' };
    writeFileSync(spec, stringify(doc));
    const result = await check(dir);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/stale: src\/generated\/alloy\.ts/);
    expect(result.output).not.toMatch(/b3os/);
  });
});

/** `npm run gen:check` passes on the committed types and fails as soon as one is stale. */
import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GEN_CHECK = join(ROOT, 'src/dev/generate-types.ts');

/** A copy of what the generator reads and writes, so the repository itself is never touched. */
function copyOfProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowmock-gen-'));
  cpSync(join(ROOT, 'redocly.yaml'), join(dir, 'redocly.yaml'));
  cpSync(join(ROOT, 'specs'), join(dir, 'specs'), { recursive: true });
  cpSync(join(ROOT, 'src/generated'), join(dir, 'src/generated'), { recursive: true });
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
  it('passes when the generated types match the specs', async () => {
    const result = await check(copyOfProject());
    expect(result.code, result.output).toBe(0);
  });

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

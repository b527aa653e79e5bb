/**
 * `npm run gen` writes src/generated/ from the specs; `npm run gen:check` (this with `--check`) fails when
 * any generated file differs from what the specs give now: the types, and the files of generated-files.ts.
 *
 * Both run the real openapi-typescript CLI, one API at a time, from a scratch copy of redocly.yaml.
 * Two upstream problems make its multi-API mode unusable here: `--check` exits 0 as soon as the FIRST
 * API matches (the others go unchecked), and generating the APIs concurrently sometimes fails example
 * validation with "can't resolve reference" (a race in the shared Redocly resolver).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { generatedFiles } from './generated-files.ts';

interface RedoclyConfig {
  apis: Record<string, { root: string; 'x-openapi-ts': { output: string } }>;
  [key: string]: unknown;
}

const args = process.argv.slice(2);
const check = args.includes('--check');
const root = resolve(args.find((arg) => !arg.startsWith('--')) ?? process.cwd());
const cli = fileURLToPath(new URL('../../node_modules/openapi-typescript/bin/cli.js', import.meta.url));
const config = parse(readFileSync(join(root, 'redocly.yaml'), 'utf8')) as RedoclyConfig;
const scratch = mkdtempSync(join(tmpdir(), 'flowmock-gen-'));

try {
  const stale: string[] = [];
  for (const [name, api] of Object.entries(config.apis)) {
    const output = api['x-openapi-ts'].output;
    const scratchConfig = join(scratch, `${name}.redocly.yaml`);
    writeFileSync(scratchConfig, stringify({ ...config, apis: { [name]: { ...api, root: join(root, api.root) } } }));
    execFileSync(process.execPath, [cli, '--redocly', scratchConfig], { cwd: scratch, stdio: ['ignore', 'ignore', 'inherit'] });
    const generated = join(scratch, output);
    if (check) {
      if (tryRead(join(root, output)) !== readFileSync(generated, 'utf8')) stale.push(`${output} (${name})`);
    } else {
      mkdirSync(dirname(join(root, output)), { recursive: true });
      copyFileSync(generated, join(root, output));
      process.stdout.write(`${name} → ${output}\n`);
    }
  }
  const others = generatedFiles(root);
  for (const file of others) {
    const target = join(root, file.path);
    if (check) {
      if (tryRead(target) !== file.content) stale.push(file.path);
    } else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.content);
      process.stdout.write(`→ ${file.path}\n`);
    }
  }
  if (stale.length > 0) {
    for (const file of stale) process.stderr.write(`stale: ${file} does not match its source: run \`npm run gen\` and commit the result\n`);
    process.exitCode = 1;
  } else if (check) {
    process.stdout.write(`generated files are up to date (types of ${Object.keys(config.apis).length} APIs, ${others.length} others)\n`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

function tryRead(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The fast project stays in process: the test files in the slow project (SLOW, vitest.config.ts) are exactly
 * those that start a process (child_process, Prism, Chromium), themselves or through a module of test/ they
 * import.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SLOW } from '../../vitest.config.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEST = join(ROOT, 'test');
const STARTS_A_PROCESS = /['"](?:node:)?child_process['"]|['"]@stoplight\/prism-cli\b|['"]playwright-core['"]/;
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.\.?\/[^'"]+)['"]/g;

/** A glob of vitest.config.ts (`**` any folders, `*` any part of a name) as a regular expression. */
function globRegExp(glob: string): RegExp {
  const parts = glob.split('/').map((part) => (part === '**' ? '(?:[^/]+/)*' : `${part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}/`));
  return new RegExp(`^${parts.join('').slice(0, -1)}$`);
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // Not ours to run: the live suite needs a target; test/package/consumer is a user's project, run by test/package.
    if (entry.isDirectory()) return [join(TEST, 'contract-live'), join(TEST, 'package/consumer')].includes(path) ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Whether `file`, or a module under test/ that it imports (at any depth), starts a process. */
function startsAProcess(file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  if (STARTS_A_PROCESS.test(text)) return true;
  return [...text.matchAll(RELATIVE_IMPORT)].some(([, specifier]) => {
    const target = resolve(dirname(file), specifier!);
    return target.startsWith(TEST + sep) && existsSync(target) && startsAProcess(target, seen);
  });
}

describe('the fast and slow projects', () => {
  const files = testFiles(TEST).map((file) => relative(ROOT, file).split(sep).join('/')).sort();
  const slow = SLOW.map(globRegExp);

  it('find test files', () => {
    expect(files).toContain('test/suite/projects.test.ts');
    expect(files.filter((file) => slow.some((glob) => glob.test(file)))).toContain('test/cli/serve.test.ts');
  });

  it('put in the slow project exactly the tests that start a process', () => {
    const inSlow = files.filter((file) => slow.some((glob) => glob.test(file)));
    const starting = files.filter((file) => startsAProcess(join(ROOT, file)));
    expect(inSlow).toEqual(starting);
  });
});

/** Whether dist/ (the compiled package, `npm run build`) is there and built from the current src/ and build scripts. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.ts';

/** Why the compiled package cannot be tested now, or undefined when dist/ is newer than every file it is built from. */
export function distProblem(): string | undefined {
  let built: number;
  try {
    built = statSync(join(ROOT, 'dist/cli/main.js')).mtimeMs;
  } catch {
    return 'dist/ is missing: run `npm run build`';
  }
  const newest = (dir: string): number => readdirSync(dir, { withFileTypes: true })
    .reduce((latest, entry) => Math.max(latest, entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs), 0);
  const scripts = ['scripts/build.ts', 'scripts/code-cache.cjs'].map((file) => statSync(join(ROOT, file)).mtimeMs);
  return Math.max(newest(join(ROOT, 'src')), ...scripts) > built ? 'dist/ is older than src/ or the build scripts: run `npm run build`' : undefined;
}

/** Where a scenario named on the command line lives: a path, or the name of a file in `scenarios/`. */
import { existsSync, readdirSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHIPPED_SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const EXTENSIONS = ['.yaml', '.yml', '.json'];

export function shippedScenarioNames(): string[] {
  return readdirSync(SHIPPED_SCENARIOS_DIR)
    .filter((file) => EXTENSIONS.includes(extname(file)))
    .map((file) => file.slice(0, -extname(file).length))
    .sort();
}

/** The file for `nameOrPath`, or undefined. A value with a slash or an extension is a path. */
export function locateScenario(nameOrPath: string, cwd = process.cwd()): string | undefined {
  if (nameOrPath.includes('/') || EXTENSIONS.includes(extname(nameOrPath))) {
    const file = resolve(cwd, nameOrPath);
    return existsSync(file) ? file : undefined;
  }
  for (const ext of EXTENSIONS) {
    const file = resolve(SHIPPED_SCENARIOS_DIR, nameOrPath + ext);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/**
 * `npm run build` (also `prepare`, so `npm ci` leaves a runnable checkout): the package's JavaScript in dist/.
 *
 * 1. tsc (tsconfig.build.json): src/ → dist/, the same folders, `.ts` imports rewritten to `.js`, declarations.
 * 2. The generated data tsc does not emit: the specs' JSON twins, the shipped scenarios as JSON and the
 *    scenario validator (CommonJS, with its declarations), copied to dist/generated/ as they are.
 * 3. `flowmock/scenarios/<name>`: each shipped scenario as a module of its own (dist/scenario-data/NAME.js and
 *    its .d.ts), so a page imports one scenario without the others (`large` is not small).
 * 4. The command line as one bundle with its dependencies (dist/bin/, esbuild, split at the commands' lazy
 *    imports): Node resolves, reads and compiles some 450 files for `flowmock serve` otherwise, about a third of
 *    its start-up here (docs/package.md#start-up). The library entry points stay the tsc output above.
 * 5. The dashboard's assets (scripts/build-dashboard.ts), when it exists.
 *
 * Nothing here runs in a user's project: the tarball ships dist/ as built (docs/package.md).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

export async function build(): Promise<void> {
  rmSync(DIST, { recursive: true, force: true });
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  copyGeneratedData();
  writeScenarioModules();
  await bundleCommandLine();
  const dashboard = join(ROOT, 'scripts/build-dashboard.ts');
  if (existsSync(dashboard)) {
    const { buildDashboard } = (await import(pathToFileURL(dashboard).href)) as { buildDashboard: () => Promise<void> };
    await buildDashboard();
  }
}

/**
 * dist/bin/main.js and its chunks: dist/cli/main.js with everything it imports. It sits two folders below the
 * package root like every module of dist/, so the files it finds by relative URL (specs/, scenarios/,
 * dist/generated/yaml/, dist/dashboard/) are where they are for the unbundled modules. Kept outside: what is
 * loaded by path at run time (pino-pretty, only for pretty logs; Prism, a peer run as a child process).
 */
async function bundleCommandLine(): Promise<void> {
  const { build: bundle } = await import('esbuild');
  await bundle({
    absWorkingDir: ROOT,
    // The worker that writes generated runs for large scenarios sits beside the chunks that start it (src/node/runs-in-worker.ts).
    entryPoints: { main: 'dist/cli/main.js', 'runs-worker': 'dist/node/runs-worker.js' },
    outdir: join(DIST, 'bin'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Less text to parse at every start; names stay (stack traces in logs keep saying where).
    minifyWhitespace: true,
    minifySyntax: true,
    external: ['pino-pretty', '@stoplight/prism-cli'],
    // CommonJS dependencies inside an ES module bundle still call require() for Node built-ins.
    banner: { js: "import { createRequire as flowmockCreateRequire } from 'node:module'; const require = flowmockCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

function copyGeneratedData(): void {
  const from = join(ROOT, 'src/generated');
  cpSync(from, join(DIST, 'generated'), {
    recursive: true,
    filter: (source) => !source.endsWith('.ts') || source.endsWith('.d.cts'),
  });
}

function writeScenarioModules(): void {
  const out = join(DIST, 'scenario-data');
  mkdirSync(out, { recursive: true });
  const names = readdirSync(join(ROOT, 'src/generated/scenarios')).filter((file) => file.endsWith('.json')).map((file) => basename(file, '.json'));
  for (const name of names) {
    writeFileSync(join(out, `${name}.js`), `// The shipped scenario "${name}" as data (scenarios/${name}.yaml).\nimport scenario from '../generated/scenarios/${name}.json' with { type: 'json' };\nexport default scenario;\n`);
    writeFileSync(join(out, `${name}.d.ts`), `import type { ScenarioDocument } from '../domain/scenario/document.js';\n/** The shipped scenario "${name}" (scenarios/${name}.yaml). */\ndeclare const scenario: ScenarioDocument;\nexport default scenario;\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await build();

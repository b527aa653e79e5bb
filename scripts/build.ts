/**
 * `npm run build` (also `prepare`, so `npm ci` leaves a runnable checkout): the package's JavaScript in dist/.
 *
 * 1. tsc (tsconfig.build.json): src/ → dist/, the same folders, `.ts` imports rewritten to `.js`, declarations.
 * 2. The generated data tsc does not emit: the specs' JSON twins, the shipped scenarios as JSON and the
 *    scenario validator (CommonJS, with its declarations), copied to dist/generated/ as they are.
 * 3. `flowmock/scenarios/<name>`: each shipped scenario as a module of its own (dist/scenario-data/NAME.js and
 *    its .d.ts), so a page imports one scenario without the others (`large` is not small).
 * 4. The command line as one CommonJS bundle with its dependencies (dist/bin/main.cjs, esbuild) and V8's code
 *    cache for it: Node resolves, reads and compiles some 450 files for `flowmock serve` otherwise, about a
 *    third of its start-up here (docs/package.md#start-up). The library entry points stay the tsc output above.
 * 5. The dashboard's assets (scripts/build-dashboard.ts), when it exists.
 *
 * Nothing here runs in a user's project: the tarball ships dist/ as built (docs/package.md).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BuildOptions, Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const COMMAND_LINE = join(DIST, 'bin/main.cjs');
/** How the bundle's last line names its build, as bin/command-line.cjs reads it. */
const { BUILD_ID_MARK } = createRequire(import.meta.url)('../bin/command-line.cjs') as { BUILD_ID_MARK: string };

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
  // Last: the server it starts finds everything it serves.
  writeCodeCache();
}

/**
 * dist/bin/main.cjs: dist/cli/main.js with everything it imports, as the function of one CommonJS module,
 * that bin/command-line.cjs compiles through node:vm with V8's code cache (docs/package.md#start-up). It sits
 * two folders below the package root like every module of dist/, so the files it finds by relative URL (specs/, scenarios/,
 * dist/generated/yaml/, dist/dashboard/, the runs worker) are where they are for the unbundled modules.
 * Kept outside: what is loaded by path at run time (pino-pretty, only for pretty logs; Prism, a peer run as a
 * child process). Beside it, dist/bin/runs-worker.js: the worker that writes generated runs for large
 * scenarios (src/node/runs-in-worker.ts), an ES module of its own.
 */
async function bundleCommandLine(): Promise<void> {
  const { build: bundle } = await import('esbuild');
  const common: BuildOptions = {
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    // Less text to parse at every start; names stay (stack traces in logs keep saying where).
    minifyWhitespace: true,
    minifySyntax: true,
    // The default, said out loud: non-ASCII characters escaped, so the loader may read the file as Latin-1.
    charset: 'ascii',
    external: ['pino-pretty', '@stoplight/prism-cli'],
    logLevel: 'warning',
  };
  const { metafile } = await bundle({
    ...common,
    entryPoints: ['dist/cli/main.js'],
    outfile: COMMAND_LINE,
    format: 'cjs',
    plugins: [onFirstUse(LOADED_ON_FIRST_USE)],
    define: { 'import.meta.url': '__flowmockModuleUrl' },
    // Strict first, as the ES modules it is made of were (a directive after the banner would not count).
    banner: { js: "'use strict'; var __flowmockModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    metafile: true,
  });
  await bundle({
    ...common,
    entryPoints: ['dist/node/runs-worker.js'],
    outfile: join(DIST, 'bin/runs-worker.js'),
    format: 'esm',
    // CommonJS dependencies inside an ES module bundle still call require() for Node built-ins.
    banner: { js: "import { createRequire as flowmockCreateRequire } from 'node:module'; const require = flowmockCreateRequire(import.meta.url);" },
  });
  const bytes = readFileSync(COMMAND_LINE);
  const nonAscii = bytes.findIndex((byte) => byte > 0x7f);
  if (nonAscii >= 0) throw new Error(`${COMMAND_LINE} is not ASCII at offset ${nonAscii}: bin/command-line.cjs reads it as Latin-1`);
  // An import() left in the bundle (of a module outside it) cannot run from bin/command-line.cjs's node:vm script:
  // what the command line loads late it require()s (pino-pretty), and this keeps it so (docs/package.md#start-up).
  const dynamicImports = Object.values(metafile.outputs).flatMap((output) => output.imports).filter((entry) => entry.kind === 'dynamic-import');
  if (dynamicImports.length > 0) throw new Error(`${COMMAND_LINE} has import() of ${dynamicImports.map((entry) => entry.path).join(', ')}: require() it instead (docs/package.md#start-up)`);
  // Inside the function Node would wrap a CommonJS module in, written out: the loader compiles the file's text
  // as it is, where wrapping it at each start made V8 copy 2.6 MB once more (some 8 ms).
  const text = `(function (exports, require, module, __filename, __dirname) {${bytes.toString('latin1')}\n})`;
  // The build id names this very text: bin/command-line.cjs uses a code cache only when it was written for it.
  const buildId = createHash('sha256').update(text, 'latin1').digest('hex').slice(0, 32);
  writeFileSync(COMMAND_LINE, `${text}\n${BUILD_ID_MARK}${buildId}\n`, 'latin1');
}

/**
 * CommonJS packages the command line requires at start-up but only calls on rare paths, loaded when first
 * used: mime-types builds its maps from all of mime-db when loaded (some 10-15 ms of every start), for
 * Express's res.type, send and type-is, none of which flowmock's answers go through (they set their own
 * headers; docs/package.md#start-up). Each package only: a nested copy of another version is left alone.
 */
const LOADED_ON_FIRST_USE = ['mime-types'];

/**
 * esbuild plugin: each package named stands for a proxy that requires the package (bundled as usual, so
 * evaluated only then) at its first property read. Sound for a package whose importers read its exports
 * when they call it, not when they load; mime-types's (express, send, type-is, accepts) all do.
 */
function onFirstUse(names: readonly string[]): Plugin {
  const filter = new RegExp(`^(${names.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
  return {
    name: 'on-first-use',
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        if (args.pluginData === 'on-first-use') return undefined;
        const real = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: 'on-first-use' });
        if (real.errors.length > 0) return { errors: real.errors };
        // Named relative to the checkout: the bundle keeps the name as its module's key.
        return { path: relative(ROOT, real.path), namespace: 'on-first-use' };
      });
      build.onLoad({ filter: /.*/, namespace: 'on-first-use' }, (args) => ({
        resolveDir: ROOT,
        loader: 'js',
        contents: `let loaded;
const real = () => (loaded ??= require(${JSON.stringify(join(ROOT, args.path))}));
module.exports = new Proxy({}, {
  get: (_, key) => real()[key],
  has: (_, key) => key in real(),
  ownKeys: () => Reflect.ownKeys(real()),
  getOwnPropertyDescriptor: (_, key) => { const found = Object.getOwnPropertyDescriptor(real(), key); return found && { ...found, configurable: true }; },
});
`,
      }));
    },
  };
}

/**
 * dist/bin/main.code-cache: V8's compiled code of the command line, taken from `flowmock serve` on `default`
 * once it has answered (scripts/code-cache.cjs), so that functions compiled while starting are in it too.
 * It is only an optimisation: when it cannot be written, the build says why and goes on without it.
 */
function writeCodeCache(): void {
  const env = { ...process.env };
  // The cache is valid only for the V8 flags it was made with: the writer runs with none of ours.
  delete env.NODE_OPTIONS;
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts/code-cache.cjs')], { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    process.stderr.write(`warning: no code cache for the command line (it starts some 85 ms slower): ${stderr || (error as Error).message}\n`);
  }
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

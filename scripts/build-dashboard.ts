/**
 * Builds the demo's pages into dist/dashboard/ (served by src/server/dashboard-routes.ts):
 * - dashboard.js and docs.js: src/dashboard/main.ts and docs.ts bundled for the browser by esbuild (ESM,
 *   ES2022, minified, Chart.js inside), with their stylesheets and the two HTML pages;
 * - swagger-ui/: Swagger UI's bundle and stylesheet copied from the installed swagger-ui-dist.
 * Nothing is loaded from another origin at run time. `npm run build` calls it (scripts/build.ts); alone:
 *
 *   npx tsx scripts/build-dashboard.ts
 *
 * The pages must run in a browser: a Node built-in reached from them fails the build.
 */
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = join(ROOT, 'src/dashboard');
export const DASHBOARD_OUT_DIR = join(ROOT, 'dist/dashboard');

export interface DashboardBuild {
  readonly outDir: string;
  /** Bytes of each file written, by name. */
  readonly sizes: Readonly<Record<string, number>>;
}

export async function buildDashboard({ outDir = DASHBOARD_OUT_DIR, log = (line: string) => console.log(line) } = {}): Promise<void> {
  await buildDashboardFiles({ outDir, log });
}

export async function buildDashboardFiles({ outDir = DASHBOARD_OUT_DIR, log = (line: string) => console.log(line) } = {}): Promise<DashboardBuild> {
  const started = performance.now();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'swagger-ui'), { recursive: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: { dashboard: join(SOURCE, 'main.ts'), docs: join(SOURCE, 'docs.ts') },
    outdir: outDir,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    legalComments: 'linked',
    logLevel: 'warning',
    plugins: [refuseNodeBuiltins()],
  });
  for (const file of ['index.html', 'docs.html', 'dashboard.css', 'docs.css']) copyFileSync(join(SOURCE, file), join(outDir, file));
  const swagger = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE']) copyFileSync(join(swagger, file), join(outDir, 'swagger-ui', file));
  const sizes: Record<string, number> = {};
  for (const file of ['dashboard.js', 'docs.js', 'dashboard.css', 'swagger-ui/swagger-ui-bundle.js', 'swagger-ui/swagger-ui.css']) sizes[file] = statSync(join(outDir, file)).size;
  log(`dashboard: built ${outDir} in ${Math.round(performance.now() - started)} ms (${Object.entries(sizes).map(([f, s]) => `${f} ${(s / 1000).toFixed(0)} kB`).join(', ')})`);
  return { outDir, sizes };
}

/** A Node built-in imported from the pages fails the build, naming the importer. */
function refuseNodeBuiltins(): Plugin {
  const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
  return {
    name: 'refuse-node-builtins',
    setup(esbuild) {
      esbuild.onResolve({ filter: /.*/ }, (args) => {
        if (!builtins.has(args.path)) return undefined;
        return { errors: [{ text: `the dashboard runs in a browser: ${args.importer} imports the Node built-in "${args.path}"` }] };
      });
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildDashboard();

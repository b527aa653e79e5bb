/**
 * Builds examples/browser/ into examples/browser/dist/: main.ts bundled for the browser (esbuild: ESM,
 * ES2022, minified, no source map), index.html, and MSW's worker script mockServiceWorker.js copied from
 * the installed msw (never committed: it must match the msw version that serves it). Prints the bundle's
 * size raw (unminified), minified and min+gzip, and what it is made of (dist/meta.json is esbuild's
 * metafile, for https://esbuild.github.io/analyze/).
 *
 *   npx tsx scripts/build-browser-example.ts              # build, sizes, biggest contributors
 *   npx tsx scripts/build-browser-example.ts --analyze    # also what each contributor costs min+gzip
 *
 * The bundle imports src/ TypeScript as it is; anything below it that imports a Node built-in fails the
 * build with the import chain that brought it in (the core must run in a browser: docs/architecture.md).
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = join(ROOT, 'examples/browser');
const ENTRY = 'examples/browser/main.ts';
export const OUT_DIR = join(EXAMPLE, 'dist');

/** The budget for the bundle, min+gzip (kB = 1,000 bytes). */
export const BUDGET_MIN_GZIP_BYTES = 500_000;

export interface BundleSizes {
  /** The bundle unminified. */
  readonly raw: number;
  readonly minified: number;
  /** Minified, then gzip (node:zlib, default level). */
  readonly minGzip: number;
}

/** What went into the bundle, grouped by the package (or src/ folder, or generated data) that brought it in. */
export interface Contributor {
  readonly name: string;
  /** Bytes of the minified bundle that came from this group (esbuild's bytesInOutput). */
  readonly minified: number;
  /**
   * With --analyze: how much smaller the bundle is min+gzip without this group (its marginal cost). Only for
   * packages and generated data: emptying a src/ folder would drop what it imports too.
   */
  readonly minGzipCost?: number;
  /** The shortest import chain from main.ts to the group's biggest file. */
  readonly via: readonly string[];
}

export interface BuildResult {
  readonly outDir: string;
  readonly sizes: BundleSizes;
  readonly contributors: readonly Contributor[];
}

const COMMON: BuildOptions = {
  absWorkingDir: ROOT,
  entryPoints: [ENTRY],
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  sourcemap: false,
  metafile: true,
  write: false,
  logLevel: 'silent',
};

export async function buildBrowserExample({ analyze = false, log = (line: string) => console.log(line) } = {}): Promise<BuildResult> {
  const plugins = [nodeBuiltinsExternal()];
  const [minified, raw] = await Promise.all([build({ ...COMMON, minify: true, plugins }), build({ ...COMMON, minify: false, plugins })]);
  refuseNodeBuiltins(minified.metafile as Metafile);
  const bundle = minified.outputFiles?.[0]?.contents;
  if (bundle === undefined) throw new Error('esbuild produced no output');
  const sizes: BundleSizes = { raw: raw.outputFiles?.[0]?.contents.byteLength ?? 0, minified: bundle.byteLength, minGzip: gzipSync(bundle).byteLength };

  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'main.js'), bundle);
  writeFileSync(join(OUT_DIR, 'meta.json'), JSON.stringify(minified.metafile));
  copyFileSync(join(EXAMPLE, 'index.html'), join(OUT_DIR, 'index.html'));
  copyFileSync(createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'), join(OUT_DIR, 'mockServiceWorker.js'));

  let contributors = contributorsOf(minified.metafile as Metafile);
  if (analyze) contributors = await withMarginalCosts(contributors, minified.metafile as Metafile, sizes.minGzip);

  log(`examples/browser/dist/main.js: raw ${kB(sizes.raw)}, minified ${kB(sizes.minified)}, min+gzip ${kB(sizes.minGzip)} (budget ${kB(BUDGET_MIN_GZIP_BYTES)})`);
  log(`biggest contributors (minified bytes${analyze ? '; min+gzip saved without it' : ''}):`);
  for (const c of contributors.slice(0, 12)) {
    const cost = c.minGzipCost === undefined ? '' : `  -${kB(c.minGzipCost).padStart(9)} gz`;
    log(`  ${c.name.padEnd(32)} ${kB(c.minified).padStart(9)}${cost}   via ${c.via.slice(1).join(' > ')}`);
  }
  return { outDir: OUT_DIR, sizes, contributors };
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/**
 * Node built-ins left out of the bundle instead of failing it: esbuild alone says only "could not resolve"
 * and the file, while the metafile then has the whole graph, for refuseNodeBuiltins to show the chains.
 */
function nodeBuiltinsExternal(): Plugin {
  return {
    name: 'node-builtins-external',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => (NODE_BUILTINS.has(args.path) || args.path.startsWith('node:') ? { path: args.path, external: true } : undefined));
    },
  };
}

/** Fails, with the import chains, when anything in the bundle imports a Node built-in. */
function refuseNodeBuiltins(metafile: Metafile): void {
  const chains = importChains(metafile);
  const found: string[] = [];
  for (const [file, input] of Object.entries(metafile.inputs)) {
    for (const imported of input.imports) {
      if (imported.external && (NODE_BUILTINS.has(imported.path) || imported.path.startsWith('node:'))) {
        found.push(`  ${imported.path} imported by ${file}\n    via ${(chains.get(file) ?? [file]).join(' > ')}`);
      }
    }
  }
  if (found.length > 0) throw new Error(`the browser bundle imports Node built-ins (code that cannot run in a page):\n${found.join('\n')}`);
}

/** For every input, the shortest import chain from the entry to it (breadth first). */
function importChains(metafile: Metafile): Map<string, string[]> {
  const chains = new Map<string, string[]>([[ENTRY, [ENTRY]]]);
  const queue = [ENTRY];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const { path } of metafile.inputs[file]?.imports ?? []) {
      if (chains.has(path) || metafile.inputs[path] === undefined) continue;
      chains.set(path, [...(chains.get(file) ?? []), path]);
      queue.push(path);
    }
  }
  return chains;
}

/**
 * Groups the bundle's inputs: a package imported from our code owns everything it brings in (msw owns
 * tough-cookie, ajv owns fast-uri); our files group by src/ folder, the generated data by kind.
 */
function contributorsOf(metafile: Metafile): Contributor[] {
  const output = Object.values(metafile.outputs)[0];
  if (output === undefined) return [];
  const chains = importChains(metafile);
  const groups = new Map<string, { minified: number; via: string[]; biggest: number }>();
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const chain = chains.get(file) ?? [file];
    const name = groupOf(chain);
    const group = groups.get(name) ?? { minified: 0, via: chain, biggest: -1 };
    group.minified += bytesInOutput;
    // The chain shown is the one that brings in the group's biggest file.
    if (bytesInOutput > group.biggest) Object.assign(group, { via: chain, biggest: bytesInOutput });
    groups.set(name, group);
  }
  return [...groups].map(([name, { minified, via }]) => ({ name, minified, via })).sort((a, b) => b.minified - a.minified);
}

/** The group of the last file of an import chain: the first package on the chain, else the file's kind. */
function groupOf(chain: readonly string[]): string {
  const firstPackage = chain.find((file) => file.includes('node_modules/'));
  if (firstPackage !== undefined) return packageOf(firstPackage);
  const file = chain[chain.length - 1] as string;
  if (file.startsWith('src/generated/yaml/')) return 'specs (generated JSON twins)';
  if (file.startsWith('src/generated/scenarios/')) return 'shipped scenarios (generated)';
  if (file === 'src/generated/scenario-validator.cjs') return 'scenario validator (generated)';
  const folder = /^src\/([^/]+)\//.exec(file)?.[1];
  return folder === undefined ? file : `src/${folder}`;
}

function packageOf(file: string): string {
  return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file;
}

/** Each contributor's marginal cost: the bundle rebuilt with that group's files emptied, min+gzip. */
async function withMarginalCosts(contributors: Contributor[], metafile: Metafile, fullMinGzip: number): Promise<Contributor[]> {
  const chains = importChains(metafile);
  const measured: Contributor[] = [];
  for (const contributor of contributors) {
    if (contributor.minified < 8_000 || contributor.name.startsWith('src/')) {
      measured.push(contributor);
      continue;
    }
    const files = new Set([...chains].filter(([, chain]) => groupOf(chain) === contributor.name).map(([file]) => join(ROOT, file)));
    const empty: Plugin = {
      name: 'empty-group',
      setup(b) {
        b.onLoad({ filter: /.*/ }, (args) => {
          if (!files.has(args.path)) return undefined;
          return args.path.endsWith('.json') ? { contents: '{}', loader: 'json' } : { contents: 'module.exports = {}', loader: 'js' };
        });
      },
    };
    const result = await build({ ...COMMON, minify: true, metafile: false, plugins: [nodeBuiltinsExternal(), empty] });
    const without = gzipSync(result.outputFiles?.[0]?.contents ?? new Uint8Array()).byteLength;
    measured.push({ ...contributor, minGzipCost: fullMinGzip - without });
  }
  return measured;
}

function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  try {
    const { sizes } = await buildBrowserExample({ analyze: process.argv.includes('--analyze') });
    console.log(`built ${relative(process.cwd(), OUT_DIR) || '.'}/ in ${Math.round(performance.now() - started)} ms`);
    if (sizes.minGzip > BUDGET_MIN_GZIP_BYTES) {
      console.error(`over budget: ${kB(sizes.minGzip)} min+gzip > ${kB(BUDGET_MIN_GZIP_BYTES)}`);
      process.exitCode = 1;
    }
  } catch (error) {
    console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

/**
 * The Dockerfile, proven without Docker (none runs where flowmock is built): its recipe read as data, its
 * build context (.dockerignore) checked, and its steps run in a scratch directory as a container would run
 * them: the package packed, installed globally from the tarball, started with the image's ENV and CMD,
 * asked by the HEALTHCHECK, refused without FLOWMOCK_ADMIN_TOKEN, stopped by SIGTERM (exit 0).
 *
 * `npm ci` is the one step not run again: CI's own `npm ci` (.ci/run) is that step, dist/ its product.
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, start, waitForOutput } from '../helpers/child-process.ts';
import { ROOT } from '../helpers/cli.ts';
import { distProblem } from '../helpers/dist.ts';

interface Step { readonly instruction: string; readonly args: string }
interface Stage { readonly from: string; readonly steps: Step[] }

/** The Dockerfile's stages and their instructions (comments dropped, `\` continuations joined). */
function parseDockerfile(text: string): Stage[] {
  const lines = text.split('\n').filter((line) => !/^\s*#/.test(line)).join('\n').replace(/\\\n\s*/g, ' ').split('\n').filter((line) => line.trim() !== '');
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, instruction, args] = /^(\w+)\s+(.*)$/.exec(line.trim())!;
    if (instruction!.toUpperCase() === 'FROM') stages.push({ from: args!, steps: [] });
    else stages.at(-1)!.steps.push({ instruction: instruction!.toUpperCase(), args: args!.trim() });
  }
  return stages;
}

const stages = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const [build, runtime] = stages as [Stage, Stage];
const args = (stage: Stage, instruction: string) => stage.steps.filter((step) => step.instruction === instruction).map((step) => step.args);
const one = (stage: Stage, instruction: string) => {
  const all = args(stage, instruction);
  expect(all, instruction).toHaveLength(1);
  return all[0]!;
};
/** `ENV A=1 B=2` as {A: '1', B: '2'}. */
const environment = (stage: Stage) => Object.fromEntries(args(stage, 'ENV').flatMap((line) => line.split(/\s+/).map((pair) => pair.split('=') as [string, string])));

/** .dockerignore's patterns (plain names and `*` globs at the top level, which is all it uses). */
const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
const isIgnored = (name: string) => ignored.some((pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(name));

describe('the Dockerfile, as a recipe', () => {
  it('builds the package in one stage and runs the packed tarball in a slim one, not as root', () => {
    expect(stages).toHaveLength(2);
    expect(build.from).toBe('node:20-slim AS build');
    expect(runtime.from).toBe('node:20-slim');
    expect(one(build, 'RUN')).toMatch(/^npm ci\b.*&& npm pack --ignore-scripts$/);
    expect(one(runtime, 'COPY')).toBe('--from=build /src/flowmock-*.tgz /tmp/');
    expect(one(runtime, 'RUN')).toMatch(/^npm install --global .*\/tmp\/flowmock-\*\.tgz/);
    expect(one(runtime, 'USER')).not.toMatch(/^(root|0)$/);
    expect(one(runtime, 'CMD')).toBe('["flowmock", "serve"]');
    expect(one(runtime, 'STOPSIGNAL')).toBe('SIGTERM');
  });

  it('listens on every interface at the port it exposes, needs the admin token given at run time, and checks its health', () => {
    const env = environment(runtime);
    expect(env).toMatchObject({ FLOWMOCK_HOST: '0.0.0.0', FLOWMOCK_PORT: one(runtime, 'EXPOSE') });
    expect(Object.keys(env)).not.toContain('FLOWMOCK_ADMIN_TOKEN');
    expect(one(runtime, 'HEALTHCHECK')).toMatch(/CMD \["node", "-e", ".*\/__mock\/health.*"\]$/);
  });

  it('sends the build what it needs and nothing a checkout accumulates (.dockerignore)', () => {
    for (const needed of ['package.json', 'package-lock.json', 'bin', 'src', 'scripts', 'specs', 'scenarios', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'LICENSE']) {
      expect(isIgnored(needed), needed).toBe(false);
      expect(existsSync(join(ROOT, needed)), needed).toBe(true);
    }
    for (const heavy of ['node_modules', 'dist', '.git', 'test', 'bench', 'flowmock-0.1.0.tgz', 'npm-debug.log']) expect(isIgnored(heavy), heavy).toBe(true);
  });
});

const problem = distProblem();
const scratch = mkdtempSync(join(tmpdir(), 'flowmock-docker-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A RUN step's command, as Docker runs it (`/bin/sh -c`), with the environment given. */
function sh(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('/bin/sh', ['-c', command], { cwd, env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, output: stdout + stderr });
    });
  });
}

/** The test's environment without any FLOWMOCK_ or npm setting of its own: the image's ENV decides. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('FLOWMOCK_') && !name.startsWith('npm_')));
}

describe.skipIf(problem !== undefined)(`the Dockerfile's steps, run without Docker${problem === undefined ? '' : ` (skipped: ${problem})`}`, () => {
  it('packs, installs globally, serves with the image\'s ENV and CMD, passes its HEALTHCHECK, stops on SIGTERM', async () => {
    // Build stage: the context (what .dockerignore lets through) in WORKDIR; `npm ci` stood in by CI's.
    const src = join(scratch, one(build, 'WORKDIR'));
    mkdirSync(src, { recursive: true });
    expect(one(build, 'COPY')).toBe('. .');
    for (const name of readdirSync(ROOT)) if (!isIgnored(name)) cpSync(join(ROOT, name), join(src, name), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'));
    cpSync(join(ROOT, 'dist'), join(src, 'dist'), { recursive: true });
    for (const command of one(build, 'RUN').split(' && ')) {
      if (command.startsWith('npm ci')) continue;
      const { code, output } = await sh(command, src, cleanEnvironment());
      expect(code, `${command}\n${output}`).toBe(0);
    }
    const tarball = readdirSync(src).find((name) => /^flowmock-.*\.tgz$/.test(name));
    expect(tarball).toBeDefined();

    // Runtime stage: COPY --from=build, then RUN with /tmp/ and the global prefix in the scratch directory;
    // npm's cache too, so that `npm cache clean --force` cleans only the scratch one.
    const tmp = join(scratch, 'tmp');
    const prefix = join(scratch, 'global');
    mkdirSync(tmp);
    cpSync(join(src, tarball!), join(tmp, tarball!));
    const image = { ...cleanEnvironment(), ...environment(runtime), PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}` };
    const install = { ...image, npm_config_prefix: prefix, npm_config_cache: join(scratch, 'npm-cache'), npm_config_update_notifier: 'false' };
    const run = one(runtime, 'RUN').replaceAll('/tmp/', `${tmp}/`);
    const installed = await sh(run, scratch, install);
    expect(installed.code, installed.output).toBe(0);
    expect(existsSync(join(prefix, 'bin/flowmock'))).toBe(true);
    expect(readdirSync(tmp)).toEqual([]);

    // CMD, as `docker run` without FLOWMOCK_ADMIN_TOKEN: refused, in one line.
    const [command, ...commandArgs] = JSON.parse(one(runtime, 'CMD')) as string[];
    const port = await freePort();
    const refused = await sh([command, ...commandArgs].join(' '), scratch, { ...image, FLOWMOCK_PORT: String(port) });
    expect(refused.code).toBe(2);
    expect(refused.output).toMatch(/^error: refusing to bind 0\.0\.0\.0 without --admin-token/m);

    // With it (docker run -e FLOWMOCK_ADMIN_TOKEN=…): up on every interface, JSON logs, healthy.
    const container = { ...image, FLOWMOCK_PORT: String(port), FLOWMOCK_ADMIN_TOKEN: 'docker-test-token' };
    const server = start(command!, commandArgs, { cwd: scratch, env: container });
    try {
      const [, ready] = await waitForOutput(server, /^flowmock listening (\{.*\})$/m);
      expect(JSON.parse(ready!)).toMatchObject({ host: '0.0.0.0', port });
      const [healthCommand, ...healthArgs] = JSON.parse(one(runtime, 'HEALTHCHECK').replace(/^.*?CMD /, '')) as string[];
      const healthy = await new Promise<number | null>((resolve) => spawn(healthCommand!, healthArgs, { env: container, stdio: 'ignore' }).once('exit', resolve));
      expect(healthy).toBe(0);
      expect(server.output()).toMatch(/^\{"level":30,.*"path":"\/__mock\/health","status":200/m);
      const done = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      expect(await done).toBe(0);
    } finally {
      await server.stop();
    }
  });
});

/**
 * Where flowmock's time goes under load: serves a scenario with `node --cpu-prof` (quiet: `--log-level warn`,
 * as `npm run bench` serves it), drives one mix with wrk (bench/load.ts), stops the server and prints the
 * hottest functions (self and total time) and files.
 * Usage: npx tsx bench/profile.ts [default|large|PATH] [MIX] [SECONDS]   e.g. `npx tsx bench/profile.ts default b3os 8`
 * The .cpuprofile stays in the printed directory (open it in Chrome DevTools → Performance).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad } from './load.ts';
import { allMixes, type Fixtures } from './mixes.ts';
import { freePort, httpRequest, killAllNow, startChild, stopAll, waitFor200 } from './processes.ts';
import { FLOWMOCK_QUIET, REPO } from './targets.ts';
import { requireWrk } from './wrk.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [scenario = 'default', mixId = 'b3os', secondsText = '8'] = process.argv.slice(2);
const NOW = '2026-11-20T12:00:00Z';

function shortUrl(url: string): string {
  if (url === '') return '(native)';
  return url.replace(`file://${REPO}/`, '').replace(/^node:/, 'node:');
}

/** `skipUs`: samples in the first microseconds of the profile (start-up, scenario generation) are left out. */
function report(profile: CpuProfile, skipUs: number, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let elapsed = 0;
  profile.samples.forEach((id, i) => {
    elapsed += profile.timeDeltas[i] ?? 0;
    if (elapsed >= skipUs) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}  ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const selfBy = new Map<string, number>();
  const fileBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id) as ProfileNode;
    selfBy.set(key(node), (selfBy.get(key(node)) ?? 0) + us);
    const file = shortUrl(node.callFrame.url);
    fileBy.set(file, (fileBy.get(file) ?? 0) + us);
    // Total time: every distinct function on the stack gets the sample once.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = key(byId.get(at) as ProfileNode);
      if (seen.has(k)) continue;
      seen.add(k);
      totalBy.set(k, (totalBy.get(k) ?? 0) + us);
    }
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  const list = (title: string, map: Map<string, number>) =>
    [title, ...[...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `  ${pct(us)}  ${k}`)].join('\n');
  return [
    `${(total / 1e6).toFixed(1)} s of samples under load (the first ${(skipUs / 1e6).toFixed(1)} s, start-up, left out)`,
    list('self time by function', selfBy),
    list('total time by function (on the stack)', totalBy),
    list('self time by file', fileBy),
  ].join('\n\n');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'flowmock-profile-'));
  const port = await freePort();
  let skipUs: number | undefined;
  const child = startChild('flowmock (profiled)', process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, 'bin/flowmock.js', 'serve', '--scenario', scenario, '--port', String(port), '--now', NOW, ...FLOWMOCK_QUIET], { cwd: REPO });
  try {
    const origin = `http://127.0.0.1:${port}`;
    await waitFor200(child, `${origin}/__mock/health`, 120_000);
    const fixtures = JSON.parse((await httpRequest(`${origin}/__mock/fixtures`)).body.toString()) as Fixtures;
    const mix = allMixes(fixtures).find((m) => m.id === mixId);
    if (mix === undefined) throw new Error(`no mix ${mixId}: ${allMixes(fixtures).map((m) => m.id).join(', ')}`);
    skipUs = (performance.now() - child.spawnedAt) * 1000;
    const result = await runLoad({ name: 'flowmock', origin, prefix: `/${mix.api}`, pid: child.pid }, scenario, mix, { seconds: Number(secondsText), warmupSeconds: 1, connections: 10 });
    process.stdout.write(`${scenario} ${mix.id}: ${result.reqPerSec} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (profiling slows it)\n`);
  } finally {
    await child.stop(); // SIGTERM: the server closes and exits, which writes the profile
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`no profile written in ${dir}`);
  process.stdout.write(`profile: ${join(dir, file)}\n\n${report(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, skipUs ?? 0)}\n`);
}

requireWrk();
process.on('exit', killAllNow);
try {
  await main();
} finally {
  await stopAll();
}

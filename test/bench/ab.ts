// One change's cost: this tree's hardrun against another build's, rounds
// alternating. BENCH_AGAINST names the other build's bin/ directory (a
// worktree or clone of the commit before, after `npm ci && npm run build`
// there). First the CPU time of a create (task-clock of the launcher and
// everything it runs, from `perf stat`; backend /bin/true, Docker's spec, a
// 20-layer overlay under the user namespace), which a busy machine moves far
// less than wall time. Then `docker run --rm busybox true` in one private
// dockerd, with the built-in policy and the audit log on (HARDRUN_POLICY, as
// docker-run does) and with the watch-only policy through a --policy
// launcher. Each figure is the median of the per-round differences (this
// tree minus the other), which noise moves less than a difference of medians.
// Both engines' pages are dropped from the page cache first: a file the
// build just wrote maps differently from one read back from disk.
// BENCH_AB_DOCKER=0 stops after the creates.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dockerRun, importBusybox, startDockerd, type PrivateDocker } from '../helpers/dockerd.js';
import { enginePath, launcherPath } from '../helpers/shipped.js';
import { watchOnlyPolicy } from '../helpers/watch-policy.js';
import { makeLayeredBundle } from './bundle.js';
import { bench, compare, dropFromPageCache, envInt, median, pairs, printTable, stats, type Stats } from './runner.js';
import { cpuPerCommand, cpuTracer } from './trace-calls.js';

/** The task-clock, in ms, of `file args` and every process it waits for; throws unless it exits 0. */
function cpuMs(dir: string, file: string, args: readonly string[]): number {
  const out = join(dir, 'perf.csv');
  const result = spawnSync('perf', ['stat', '-x', ',', '-e', 'task-clock', '-o', out, '--', file, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`perf stat ${file} ${args.join(' ')} exited ${result.status ?? result.signal}: ${result.stderr}`);
  const line = readFileSync(out, 'utf8').split('\n').find(row => row.includes('task-clock'));
  const value = Number(line?.split(',')[0]);
  if (!Number.isFinite(value)) throw new Error(`perf stat gave no task-clock: ${line ?? '(nothing)'}`);
  return value;
}

/** Prints, for each pair of rows, the median of their per-round differences. */
function printDifferences(rows: readonly Stats[], pairsOf: readonly (readonly [number, number])[], unit: string): void {
  for (const [here, there] of pairsOf) {
    const differences = rows[here]!.samples.map((sample, round) => sample - rows[there]!.samples[round]!);
    const value = median(differences);
    console.log(`${rows[here]!.name} minus ${rows[there]!.name}, median of ${differences.length} per-round differences: ${value >= 0 ? '+' : ''}${value.toFixed(2)} ${unit}`);
  }
}

bench('ab: docker run --rm busybox true, this tree against BENCH_AGAINST', async () => {
  const against = process.env['BENCH_AGAINST'];
  if (against === undefined || !existsSync(join(against, 'hardrun')) || !existsSync(join(against, 'hardrun-engine'))) {
    throw new Error('BENCH_AGAINST must name another build\'s bin/ directory (with hardrun and hardrun-engine)');
  }
  const other = join(resolve(against), 'hardrun');
  // Both executables as a host has them after a boot, not as the build left one of them.
  for (const engine of [enginePath, join(resolve(against), 'hardrun-engine')]) dropFromPageCache(engine);
  const dir = mkdtempSync(join(tmpdir(), 'hardrun-bench-'));
  let d: PrivateDocker | undefined;
  const layered = makeLayeredBundle(dir, 20);
  try {
    const root = join(dir, 'state');
    mkdirSync(root);
    const policy = join(dir, 'true.json');
    writeFileSync(policy, JSON.stringify({ defaultBackend: 'true', backends: { true: { path: '/bin/true', kind: 'runc' } } }));
    const create = (name: string, launcher: string) => {
      const args = ['--root', root, '--policy', policy, 'create', '--bundle', layered.dir, 'ab-create'];
      let cpu = 0;
      return {
        name,
        before: layered.restore,
        run: () => { cpu = cpuMs(dir, launcher, args); },
        after: () => {
          const result = spawnSync(launcher, ['--root', root, 'delete', 'ab-create'], { stdio: 'ignore' });
          if (result.status !== 0) throw new Error(`${name}: delete exited ${result.status ?? result.signal}`);
        },
        cpu: () => cpu,
      };
    };
    const creates = [create('here: create', launcherPath), create('other: create', other)];
    const samples: number[][] = [[], []];
    await compare(creates.map((variant, index) => ({ ...variant, after: () => { samples[index]!.push(variant.cpu()); variant.after(); } })), { rounds: pairs(30) });
    // compare() keeps the warm-up's samples out of its own rows only; these drop them too.
    const cpuRows = creates.map((variant, index) => stats(`${variant.name} (CPU, task-clock)`, samples[index]!.slice(-pairs(30))));
    printTable(`one create through the launcher, CPU time; other = ${other}`, cpuRows, { baseline: cpuRows[1]!.name, digits: 2 });
    printDifferences(cpuRows, [[0, 1]], 'ms of CPU');
    if (process.env['BENCH_AB_DOCKER'] === '0') return;
    writeFileSync(join(dir, 'policy.yaml'), `version: 1\naudit:\n  file: ${join(dir, 'audit.jsonl')}\n`);
    writeFileSync(join(dir, 'watch.json'), JSON.stringify(await watchOnlyPolicy(join(dir, 'watch-audit.jsonl'))));
    const watching = (name: string, launcher: string): string => {
      const path = join(dir, name);
      writeFileSync(path, `#!/bin/sh\nexec '${launcher}' --policy '${join(dir, 'watch.json')}' "$@"\n`);
      chmodSync(path, 0o755);
      return path;
    };
    const traced = { here: cpuTracer(dir, 'here-traced', launcherPath), other: cpuTracer(dir, 'other-traced', other) };
    const tracedWatch = { here: cpuTracer(dir, 'here-watch-traced', watching('here-watch', launcherPath)), other: cpuTracer(dir, 'other-watch-traced', watching('other-watch', other)) };
    d = await startDockerd({
      env: { HARDRUN_POLICY: join(dir, 'policy.yaml') },
      runtimes: {
        here: { path: launcherPath },
        other: { path: other },
        'here-traced': { path: traced.here.path },
        'other-traced': { path: traced.other.path },
        'here-watch': { path: join(dir, 'here-watch') },
        'other-watch': { path: join(dir, 'other-watch') },
        'here-watch-traced': { path: tracedWatch.here.path },
        'other-watch-traced': { path: tracedWatch.other.path },
      },
    });
    await importBusybox(d);
    const docker = d;
    const runtimes = ['here', 'other', 'here-watch', 'other-watch'];
    const rows = await compare(runtimes.map(name => ({ name, run: () => dockerRun(docker, name) })), { rounds: pairs(30) });
    printTable(`docker run --rm busybox true (wall time); other = ${other}`, rows, { baseline: 'other' });
    printDifferences(rows, [[0, 1], [2, 3]], 'ms');
    // Which call the difference is in: the CPU time of each call Docker makes, by a tracing wrapper.
    const traceRuns = envInt('BENCH_TRACE_RUNS', 20, 0);
    for (const [policyName, sides, suffix] of [['built-in policy', traced, 'traced'], ['watch-only', tracedWatch, 'watch-traced']] as const) {
      if (traceRuns === 0) break;
      const runs = await compare([
        { name: 'here', run: () => dockerRun(docker, `here-${suffix}`) },
        { name: 'other', run: () => dockerRun(docker, `other-${suffix}`) },
      ], { rounds: traceRuns });
      const calls = { here: cpuPerCommand(sides.here.log), other: cpuPerCommand(sides.other.log) };
      const callRows = [...calls.here.keys()].flatMap(command => (['here', 'other'] as const).map(side => stats(`${command} (${side})`, (calls[side].get(command) ?? []).slice(-runs[0]!.samples.length))));
      printTable(`CPU time (task-clock) of each runtime call inside docker run, ${policyName} (${traceRuns} runs each)`, callRows, { digits: 2 });
      printDifferences(callRows, callRows.flatMap((_, index) => (index % 2 === 0 ? [[index, index + 1] as const] : [])), 'ms of CPU');
    }
  } finally {
    await d?.stop();
    layered.remove();
    rmSync(dir, { recursive: true, force: true });
  }
});

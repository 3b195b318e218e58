// The calls that need no spec work, through hardrun against the floor of any
// wrapper (a one-line sh script that execs runc) and runc itself, with the
// policy passed each documented way: HARDRUN_POLICY in the environment,
// `--policy FILE` (as an operator's two-line launcher passes it), and through
// runc-path/runc, the symlink containerd's runc shim runs (Kubernetes). The target
// is hardrun's time over the floor's, per call. Part 1: `state` of a running
// container that Docker started through hardrun (20 calls per sample, in one
// sh loop, so that the timer's own process start is shared by 20 calls).
// Part 2: `start`, `kill` and `delete` of containers created by hand in a
// private --root, and of one created under the watch-only policy (which
// keeps no record: its calls go by @default). Part 3: the launcher's own cost, with /bin/true as the
// backend of a record.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findExecutable, importBusybox, startDockerd, type PrivateDocker } from '../helpers/dockerd.js';
import { dockerRoot } from '../helpers/hardrun-docker.js';
import { launcherPath } from '../helpers/shipped.js';
import { watchOnlyPolicyYaml } from '../helpers/watch-policy.js';
import { makeBundle, removeBenchCgroups, type Bundle } from './bundle.js';
import { bench, compare, envInt, must, pairs, printTable, stats, verdict, type Stats } from './runner.js';

const runc = findExecutable('runc', ['/usr/sbin', '/sbin']) ?? '/usr/sbin/runc';
const loop = 'n=$1; shift; while [ "$n" -gt 0 ]; do "$@" >/dev/null || exit 1; n=$((n - 1)); done';

/** One way of calling a runtime: its file, the global flags before the command, its environment. */
interface Side {
  readonly name: string;
  readonly file: string;
  readonly globals: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

const envWay = 'hardrun, policy in HARDRUN_POLICY';
const flagWay = 'hardrun, --policy FILE';
const floorName = 'floor: sh pass-through, exec runc';
const watchWay = 'hardrun watch-only, policy in HARDRUN_POLICY';
const shimWay = "hardrun as runc-path/runc (containerd's runc shim), policy in HARDRUN_POLICY";

/** The floor, runc, and hardrun with its policy passed each documented way; with `watchYaml`, also under docs/policy.md's watch-only policy. */
function sidesIn(dir: string, watchYaml?: string): Side[] {
  const floor = join(dir, 'sh-floor');
  writeFileSync(floor, `#!/bin/sh\nexec '${runc}' "$@"\n`, { mode: 0o755 });
  const policy = join(dir, 'policy.yaml');
  writeFileSync(policy, `version: 1\naudit:\n  file: ${join(dir, 'audit.jsonl')}\n`);
  return [
    { name: floorName, file: floor, globals: [], env: process.env },
    { name: 'runc', file: runc, globals: [], env: process.env },
    { name: envWay, file: launcherPath, globals: [], env: { ...process.env, HARDRUN_POLICY: policy } },
    { name: flagWay, file: launcherPath, globals: ['--policy', policy], env: process.env },
    // Under Kubernetes the runc shim finds hardrun as `runc` on its PATH: a symlink to the launcher.
    { name: shimWay, file: join(dirname(launcherPath), 'runc-path', 'runc'), globals: [], env: { ...process.env, HARDRUN_POLICY: policy } },
    ...(watchYaml === undefined ? [] : [{ name: watchWay, file: launcherPath, globals: [], env: { ...process.env, HARDRUN_POLICY: writeWatchPolicy(dir, watchYaml) } }]),
  ];
}

function writeWatchPolicy(dir: string, yaml: string): string {
  const path = join(dir, 'watch.yaml');
  writeFileSync(path, yaml);
  return path;
}

async function statePart(): Promise<Stats[]> {
  let d: PrivateDocker | undefined;
  try {
    d = await startDockerd({ runtimes: { hardrun: { path: launcherPath } } });
    await importBusybox(d);
    const id = (await d.docker(['run', '-d', '--runtime=hardrun', 'busybox', 'sleep', '600'])).stdout.trim();
    const root = dockerRoot(d);
    const sides = sidesIn(d.dir);
    const outputs = sides.map(side => must(side.file, [...side.globals, '--root', root, 'state', id], { env: side.env }));
    if (outputs.some(output => output !== outputs[1])) throw new Error(`state differs:\n${outputs.join('\n')}`);
    const calls = envInt('BENCH_CALLS', 20);
    const rows = await compare(sides.map(side => ({
      name: side.name,
      run: () => must('sh', ['-c', loop, 'sh', String(calls), side.file, ...side.globals, '--root', root, 'state', id], { env: side.env }),
    })), { rounds: pairs(20) });
    // Per call: each sample is `calls` calls.
    return rows.map(row => stats(row.name, row.samples.map(ms => ms / calls)));
  } finally {
    await d?.stop();
  }
}

/** start, kill and delete of containers created (untimed) by each side, one per side and round. */
function lifecyclePart(watchYaml: string): { wall: Stats[]; cpu: Stats[] | undefined } {
  const dir = mkdtempSync(join(tmpdir(), 'hardrun-bench-'));
  const root = join(dir, 'state');
  mkdirSync(root);
  const sides = sidesIn(dir, watchYaml);
  const bundles: Bundle[] = sides.map(() => makeBundle(dir, { busybox: true, args: ['sleep', '600'] }));
  const times = new Map<string, number[]>();
  const cpuTimes = new Map<string, number[]>();
  const made: { side: number; id: string }[] = [];
  const call = (side: number, args: string[]) => {
    const { file, globals, env } = sides[side]!;
    // stdio to /dev/null: a created container keeps its stdio open.
    const result = spawnSync(file, [...globals, '--root', root, ...args], { stdio: 'ignore', cwd: bundles[side]!.dir, env });
    if (result.status !== 0) throw new Error(`${sides[side]!.name}: ${args.join(' ')} exited ${result.status ?? result.signal}`);
  };
  const perf = findExecutable('perf', ['/usr/bin', '/usr/sbin']);
  const perfOut = join(dir, 'perf.csv');
  const timed = (side: number, op: string, args: string[]) => {
    const key = `${sides[side]!.name} ${op}`;
    const start = performance.now();
    call(side, args);
    times.set(key, [...(times.get(key) ?? []), performance.now() - start]);
  };
  // The same call's CPU time, the task-clock of the call and all it waits
  // for (runc's hooks included), where perf is installed: a busy machine
  // moves it far less than the wall time.
  const cpuTimed = (side: number, op: string, args: string[]) => {
    if (perf === undefined) {
      timed(side, op, args);
      return;
    }
    const { file, globals, env } = sides[side]!;
    const start = performance.now();
    const result = spawnSync(perf, ['stat', '-x', ',', '-e', 'task-clock', '-o', perfOut, '--', file, ...globals, '--root', root, ...args], { stdio: 'ignore', cwd: bundles[side]!.dir, env });
    const wall = performance.now() - start;
    if (result.status !== 0) throw new Error(`${sides[side]!.name}: ${args.join(' ')} exited ${result.status ?? result.signal}`);
    const key = `${sides[side]!.name} ${op}`;
    times.set(key, [...(times.get(key) ?? []), wall]);
    const cpu = Number(readFileSync(perfOut, 'utf8').split('\n').find(line => line.includes('task-clock'))?.split(',')[0]);
    cpuTimes.set(key, [...(cpuTimes.get(key) ?? []), cpu]);
  };
  const waitStopped = (id: string) => {
    for (let i = 0; i < 200; i++) {
      if ((JSON.parse(must(runc, ['--root', root, 'state', id])) as { status?: string }).status === 'stopped') return;
      spawnSync('sleep', ['0.02']);
    }
    throw new Error(`container ${id} did not stop`);
  };
  try {
    const rounds = pairs(20);
    const warmup = envInt('BENCH_WARMUP', 2, 0);
    for (let round = -warmup; round < rounds; round++) {
      const order = sides.map((_, k) => (k + Math.max(round, 0)) % sides.length);
      const ids = sides.map((_, side) => `s${side}r${round + warmup}`);
      for (const side of order) {
        bundles[side]!.restore();
        made.push({ side, id: ids[side]! });
        call(side, ['create', ids[side]!]);
      }
      const ops: [string, (id: string) => string[]][] = [['start', id => ['start', id]], ['kill', id => ['kill', id, 'KILL']], ['delete', id => ['delete', id]]];
      for (const [op, args] of ops) {
        if (op === 'delete') ids.forEach(waitStopped);
        for (const side of order) {
          if (round >= 0) cpuTimed(side, op, args(ids[side]!));
          else call(side, args(ids[side]!));
        }
      }
      made.splice(0);
    }
    const rows = (from: Map<string, number[]>) => ['start', 'kill', 'delete'].flatMap(op => sides.map(side => stats(`${side.name} ${op}`, from.get(`${side.name} ${op}`) ?? [])));
    return { wall: rows(times), cpu: cpuTimes.size === 0 ? undefined : rows(cpuTimes) };
  } finally {
    // Whatever a failed round left: the launcher's delete also removes hardrun's record and staging.
    for (const { side, id } of made) {
      const { file, globals, env } = sides[side]!;
      spawnSync(file, [...globals, '--root', root, 'delete', '--force', id], { stdio: 'ignore', env });
    }
    rmSync(dir, { recursive: true, force: true });
    removeBenchCgroups();
  }
}

/** Prints hardrun's time over the floor and the verdict, for each way of passing the policy. */
function judge(op: string, rows: readonly Stats[], named: (side: string) => string): void {
  const at = (side: string) => rows.find(row => row.name === named(side))!.median;
  const floor = at(floorName);
  console.log(`${op}: floor ${floor.toFixed(2)} ms, runc ${at('runc').toFixed(2)} ms; hardrun ${at(envWay).toFixed(2)} ms (HARDRUN_POLICY), ${at(flagWay).toFixed(2)} ms (--policy), ${at(shimWay).toFixed(2)} ms (runc-path/runc), ${(at(envWay) / at('runc')).toFixed(3)}x and ${(at(flagWay) / at('runc')).toFixed(3)}x runc`);
  for (const way of [envWay, flagWay, shimWay]) verdict(`${op}, ${way}, minus the sh floor (medians)`, at(way) - floor, '<=', 0.5, ' ms');
  if (rows.some(row => row.name === named(watchWay))) verdict(`${op}, a watched container (${watchWay}), minus the sh floor (medians)`, at(watchWay) - floor, '<=', 0.5, ' ms');
}

/** The launcher alone: a copy of bin/hardrun whose engine is /bin/true, and records whose backend is /bin/true. */
async function launcherPart(): Promise<Stats[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hardrun-bench-'));
  try {
    const launcher = join(dir, 'hardrun');
    copyFileSync(launcherPath, launcher);
    symlinkSync('/bin/true', join(dir, 'hardrun-engine'));
    const root = join(dir, 'state');
    mkdirSync(`${root}.hardrun`, { recursive: true });
    const record = (id: string) => writeFileSync(join(`${root}.hardrun`, id), 'hardrun1\tdirect\trunc\ttrue\t/bin/true\nrule\tdefault\n');
    record('c');
    const calls = envInt('BENCH_CALLS', 20);
    const sample = (file: string, ...args: string[]) => () => must('sh', ['-c', loop, 'sh', String(calls), file, ...args]);
    const rows = await compare([
      { name: '/bin/true', run: sample('/bin/true', '--root', root, 'state', 'c') },
      { name: 'launcher, state: read the record, exec the backend', run: sample(launcher, '--root', root, 'state', 'c') },
      { name: 'launcher, kill: the same, with a signal', run: sample(launcher, '--root', root, 'kill', 'c', 'KILL') },
      { name: 'launcher, create: clear BUN_*/NODE_*, exec the engine', run: sample(launcher, '--root', root, 'create', '--bundle', dir, 'c') },
      // One delete per call: each removes the record the next one needs, so the loop is a loop of sh, not of the launcher.
      { name: 'launcher, delete: backend as a child, then rm the record', before: () => record('d'), run: () => must(launcher, ['--root', root, 'delete', 'd']) },
      { name: '/bin/true (one call, to compare with delete)', run: () => must('/bin/true', []) },
    ], { rounds: pairs(20) });
    return rows.map(row => (row.name.includes('one call') || row.name.includes('delete') ? row : stats(row.name, row.samples.map(ms => ms / calls))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

bench('state: calls that need no spec work, hardrun vs the sh floor', async () => {
  const state = await statePart();
  printTable('state of a running container (Docker-started through hardrun), per call', state, { baseline: floorName, digits: 2 });
  const lifecycle = process.env['BENCH_LIFECYCLE'] === '0' ? undefined : lifecyclePart(await watchOnlyPolicyYaml('/dev/null'));
  if (lifecycle !== undefined) printTable('start, kill, delete of a container created by hand (one call per sample)', lifecycle.wall, { digits: 2 });
  if (lifecycle?.cpu !== undefined) printTable('the same calls, CPU time (task-clock under perf stat, the runtime and its hooks)', lifecycle.cpu, { digits: 2 });
  if (process.env['BENCH_LAUNCHER'] !== '0') {
    printTable('the launcher alone, per call (the engine and the backends replaced by /bin/true)', await launcherPart(), { digits: 2 });
  }
  console.log('');
  judge('state', state, side => side);
  if (lifecycle !== undefined) for (const op of ['start', 'kill', 'delete']) judge(op, lifecycle.wall, side => `${side} ${op}`);
  if (lifecycle?.cpu !== undefined) {
    for (const op of ['start', 'kill', 'delete']) {
      const at = (side: string) => lifecycle.cpu!.find(row => row.name === `${side} ${op}`)!.median;
      console.log(`${op} by CPU: hardrun minus the floor ${(at(envWay) - at(floorName)).toFixed(2)} ms (HARDRUN_POLICY), ${(at(flagWay) - at(floorName)).toFixed(2)} ms (--policy), ${(at(shimWay) - at(floorName)).toFixed(2)} ms (runc-path/runc), ${(at(watchWay) - at(floorName)).toFixed(2)} ms (a watched container); runc minus the floor ${(at('runc') - at(floorName)).toFixed(2)} ms`);
    }
  }
});

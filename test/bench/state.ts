// Target 2 of issue 10: the calls that need no spec work, through hardrun
// against runc directly. Part 1: `state` of a running container that Docker
// started through hardrun (20 calls per sample, in one sh loop, so that the
// timer's own process start is shared by 20 calls). Part 2: `start`, `kill`
// and `delete` of containers created by hand in a private --root. Part 3:
// the launcher's own cost, with /bin/true as the backend of a record.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findExecutable, importBusybox, startDockerd, type PrivateDocker } from '../helpers/dockerd.js';
import { dockerRoot } from '../helpers/hardrun-docker.js';
import { launcherPath } from '../helpers/shipped.js';
import { makeBundle, removeBenchCgroups } from './bundle.js';
import { bench, compare, envInt, must, pairs, printTable, stats, verdict, type Stats } from './runner.js';

const runc = findExecutable('runc', ['/usr/sbin', '/sbin']) ?? '/usr/sbin/runc';
const loop = 'n=$1; shift; while [ "$n" -gt 0 ]; do "$@" >/dev/null || exit 1; n=$((n - 1)); done';

async function statePart(): Promise<Stats[]> {
  let d: PrivateDocker | undefined;
  try {
    d = await startDockerd({ runtimes: { hardrun: { path: launcherPath } } });
    await importBusybox(d);
    const id = (await d.docker(['run', '-d', '--runtime=hardrun', 'busybox', 'sleep', '600'])).stdout.trim();
    const root = dockerRoot(d);
    const viaHardrun = must(launcherPath, ['--root', root, 'state', id]);
    const viaRunc = must(runc, ['--root', root, 'state', id]);
    if (viaHardrun !== viaRunc) throw new Error(`state differs:\n${viaHardrun}\n${viaRunc}`);
    const calls = envInt('BENCH_CALLS', 20);
    const sample = (file: string, ...globals: string[]) => () => must('sh', ['-c', loop, 'sh', String(calls), file, ...globals, '--root', root, 'state', id]);
    // As a launcher of the operator's own passes it (docs/policy.md).
    const policy = join(d.dir, 'policy.json');
    writeFileSync(policy, '{}\n');
    const rows = await compare([
      { name: 'hardrun state', run: sample(launcherPath) },
      { name: 'runc state', run: sample(runc) },
      { name: 'hardrun state, with --policy FILE', run: sample(launcherPath, '--policy', policy) },
    ], { rounds: pairs(20) });
    // Per call: each sample is `calls` calls.
    return rows.map(row => stats(row.name, row.samples.map(ms => ms / calls)));
  } finally {
    await d?.stop();
  }
}

/** start, kill and delete of a container created (untimed) through hardrun, and of one created by runc. */
function lifecyclePart(): Stats[] {
  const dir = mkdtempSync(join(tmpdir(), 'hardrun-bench-'));
  const root = join(dir, 'state');
  mkdirSync(root);
  const bundles = { hardrun: makeBundle(dir, { busybox: true, args: ['sleep', '600'] }), runc: makeBundle(dir, { busybox: true, args: ['sleep', '600'] }) };
  const sides = { hardrun: launcherPath, runc } as const;
  const times = new Map<string, number[]>();
  const made: { side: 'hardrun' | 'runc'; id: string }[] = [];
  const call = (side: 'hardrun' | 'runc', args: string[]) => {
    // stdio to /dev/null: a created container keeps its stdio open.
    const result = spawnSync(sides[side], ['--root', root, ...args], { stdio: 'ignore', cwd: bundles[side].dir });
    if (result.status !== 0) throw new Error(`${side} ${args.join(' ')} exited ${result.status ?? result.signal}`);
  };
  const timed = (side: 'hardrun' | 'runc', op: string, args: string[]) => {
    const start = performance.now();
    call(side, args);
    const key = `${side} ${op}`;
    times.set(key, [...(times.get(key) ?? []), performance.now() - start]);
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
      const order: ('hardrun' | 'runc')[] = round % 2 === 0 ? ['hardrun', 'runc'] : ['runc', 'hardrun'];
      const ids = { hardrun: `h${round + warmup}`, runc: `r${round + warmup}` };
      for (const side of order) {
        bundles[side].restore();
        made.push({ side, id: ids[side] });
        call(side, ['create', ids[side]]);
      }
      const ops: [string, (id: string) => string[]][] = [['start', id => ['start', id]], ['kill', id => ['kill', id, 'KILL']], ['delete', id => ['delete', id]]];
      for (const [op, args] of ops) {
        if (op === 'delete') order.forEach(side => waitStopped(ids[side]));
        for (const side of order) {
          if (round >= 0) timed(side, op, args(ids[side]));
          else call(side, args(ids[side]));
        }
      }
      made.splice(0);
    }
    return ['start', 'kill', 'delete'].flatMap(op => (['hardrun', 'runc'] as const).map(side => stats(`${side} ${op}`, times.get(`${side} ${op}`) ?? [])));
  } finally {
    // Whatever a failed round left: the launcher's delete also removes hardrun's record and staging.
    for (const { side, id } of made) spawnSync(sides[side], ['--root', root, 'delete', '--force', id], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
    removeBenchCgroups();
  }
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

bench('state: calls that need no spec work, hardrun vs runc', async () => {
  const state = await statePart();
  printTable('state of a running container (Docker-started through hardrun), per call', state, { baseline: 'runc state', digits: 2 });
  const ratio = state[0]!.median / state[1]!.median;
  if (process.env['BENCH_LIFECYCLE'] !== '0') {
    const lifecycle = lifecyclePart();
    printTable('start, kill, delete of a container created by hand (one call per sample)', lifecycle, { digits: 2 });
    for (const op of ['start', 'kill', 'delete']) {
      const h = lifecycle.find(row => row.name === `hardrun ${op}`)!;
      const r = lifecycle.find(row => row.name === `runc ${op}`)!;
      verdict(`${op} ratio, hardrun / runc (median; +${(h.median - r.median).toFixed(1)} ms)`, h.median / r.median, '<=', 1.3);
    }
  }
  if (process.env['BENCH_LAUNCHER'] !== '0') {
    printTable('the launcher alone, per call (the engine and the backends replaced by /bin/true)', await launcherPart(), { digits: 2 });
  }
  verdict('state ratio, hardrun / runc (median)', ratio, '<=', 1.3);
  verdict('state with --policy FILE, ratio against runc (median)', state[2]!.median / state[1]!.median, '<=', 1.3);
});

// Peak resident size (ru_maxrss, from GNU time's %M) of
// a hardrun create and of a pass-through call, beside runc's. ru_maxrss is
// the peak of every program the process ran (execve keeps the high-water
// mark) and of the children it waited for. So a create through hardrun
// measures max(engine, backend): the engine's own peak is measured with
// /bin/true as the backend.
//
// Most of that peak is pages of the executable (RssFile), and how many a
// create maps depends on how the file sits in the page cache: right after
// the build wrote it, or read back from disk, as on a host after a reboot.
// The engine's own row is measured both ways (the second after `sync` and
// `dd iflag=nocache`, which drop that one file's clean pages), and judged
// on the larger.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from '../helpers/dockerd.js';
import { enginePath, launcherPath } from '../helpers/shipped.js';
import { makeBundle, removeBenchCgroups } from './bundle.js';
import { compileLikeEngine, ideaPair, ideasOn } from './ideas.js';
import { bench, dropFromPageCache, envInt, must, printTable, stats, verdict, type Stats } from './runner.js';

const runc = findExecutable('runc', ['/usr/sbin', '/sbin']) ?? '/usr/sbin/runc';
const gnuTime = '/usr/bin/time';

/** Writes back and drops one file's pages from the page cache: the next run reads it from disk. */

bench('memory: peak resident size, hardrun vs runc', () => {
  if (findExecutable('time', ['/usr/bin']) !== gnuTime) {
    console.log('SKIP  memory: /usr/bin/time is not installed (Debian package "time")');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'hardrun-bench-'));
  const root = join(dir, 'state');
  mkdirSync(root);
  const out = join(dir, 'maxrss');
  const busybox = { hardrun: makeBundle(dir, { busybox: true, args: ['sleep', '600'] }), runc: makeBundle(dir, { busybox: true, args: ['sleep', '600'] }) };
  const empty = makeBundle(dir);
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, JSON.stringify({ defaultBackend: 'true', backends: { true: { path: '/bin/true', kind: 'runc' } } }));
  const made = new Map<string, string>(); // id -> the runtime that created it
  /** Peak resident size of one call, in MiB; stdio to /dev/null, as a created container keeps it open. */
  const peakOf = (file: string, args: string[], expect: number): number => {
    const result = spawnSync(gnuTime, ['-f', '%M', '-o', out, file, ...args], { stdio: 'ignore', cwd: dir });
    if (result.status !== expect) throw new Error(`${file} ${args.join(' ')} exited ${result.status ?? result.signal}`);
    return Number(readFileSync(out, 'utf8').trim().split('\n').at(-1)) / 1024;
  };
  const peak = (file: string, args: string[]): number => peakOf(file, args, 0);
  const create = (side: 'hardrun' | 'runc', file: string, id: string, extra: string[] = []) => {
    busybox[side].restore();
    made.set(id, file);
    return peak(file, ['--root', root, ...extra, 'create', '--bundle', busybox[side].dir, id]);
  };
  const remove = (file: string, id: string) => {
    spawnSync(file, ['--root', root, 'delete', '--force', id], { stdio: 'ignore' });
    made.delete(id);
  };
  try {
    // Two running containers, for the pass-through calls.
    create('hardrun', launcherPath, 'run-h');
    create('runc', runc, 'run-r');
    must(launcherPath, ['--root', root, 'start', 'run-h']);
    must(runc, ['--root', root, 'start', 'run-r']);
    const idea = ideasOn ? ideaPair(dir) : undefined;
    writeFileSync(join(dir, 'empty.ts'), 'process.exit(0);\n');
    const emptyBun = compileLikeEngine(join(dir, 'empty.ts'), join(dir, 'empty'));
    const samples = new Map<string, number[]>();
    const add = (name: string, mib: number) => samples.set(name, [...(samples.get(name) ?? []), mib]);
    for (let i = 0; i < envInt('BENCH_SAMPLES', 5); i++) {
      if (emptyBun) add('an empty Bun executable (the floor of any)', peak(emptyBun, []));
      add('engine, failing at once (create, an invalid id)', peakOf(enginePath, ['--root', root, 'create', '..'], 1));
      add('runc state', peak(runc, ['--root', root, 'state', 'run-r']));
      add('hardrun state (launcher, then runc)', peak(launcherPath, ['--root', root, 'state', 'run-h']));
      add('hardrun state, full path (engine, then runc)', peak(enginePath, ['--root', root, 'state', 'run-h']));
      add('runc create', create('runc', runc, `c-r${i}`));
      remove(runc, `c-r${i}`);
      add('hardrun create, runc backend (max of engine, runc)', create('hardrun', launcherPath, `c-h${i}`));
      remove(launcherPath, `c-h${i}`);
      empty.restore();
      add('hardrun create, backend /bin/true (the engine\'s own)', peak(launcherPath, ['--root', root, '--policy', policy, 'create', '--bundle', empty.dir, `c-t${i}`]));
      must(launcherPath, ['--root', root, 'delete', `c-t${i}`]); // /bin/true deletes nothing: the record and staging go
      if (idea) {
        empty.restore();
        add(`idea: the same, ${idea.name}`, peak(idea.launcher, ['--root', root, '--policy', policy, 'create', '--bundle', empty.dir, `c-b${i}`]));
        must(launcherPath, ['--root', root, 'delete', `c-b${i}`]);
      }
    }
    dropFromPageCache(enginePath);
    for (let i = 0; i < envInt('BENCH_SAMPLES', 5); i++) {
      empty.restore();
      add('the same, the executable read back from disk', peak(launcherPath, ['--root', root, '--policy', policy, 'create', '--bundle', empty.dir, `c-d${i}`]));
      must(launcherPath, ['--root', root, 'delete', `c-d${i}`]);
    }
    const rows: Stats[] = [...samples].map(([name, values]) => stats(name, values));
    printTable('peak resident size (ru_maxrss)', rows, { unit: 'MiB', baseline: 'runc create' });
    const own = rows.filter(row => row.name.includes('/bin/true') || row.name.includes('read back'));
    verdict('a create\'s peak resident size, the engine\'s own (max of samples, either page-cache state)', Math.max(...own.map(row => row.max)), '<', 30, ' MiB');
  } finally {
    for (const [id, file] of [...made]) remove(file, id);
    rmSync(dir, { recursive: true, force: true });
    removeBenchCgroups();
  }
});

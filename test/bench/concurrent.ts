// 32 concurrent `docker run --rm busybox true` through
// hardrun, against the same batch through runc, in one private dockerd. The
// batches alternate (BENCH_ROUNDS rounds, default 10, the minimum of pairs
// for every ratio here); every run must succeed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable, importBusybox, startDockerd, type PrivateDocker } from '../helpers/dockerd.js';
import { leftoverRecords } from '../helpers/hardrun-docker.js';
import { launcherPath } from '../helpers/shipped.js';
import { designFloor } from './design-floor.js';
import { ideaPair, ideasOn } from './ideas.js';
import { bench, compare, envInt, printTable, stats, verdict } from './runner.js';

bench('concurrent: 32 concurrent docker run --rm busybox true, hardrun vs runc', async () => {
  const width = envInt('BENCH_CONCURRENCY', 32);
  const rounds = envInt('BENCH_ROUNDS', 10);
  const failures: string[] = [];
  let d: PrivateDocker | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'hardrun-bench-'));
  const batch = async (runtime: string) => {
    const results = await Promise.all(Array.from({ length: width }, () =>
      d!.docker(['run', '--rm', `--runtime=${runtime}`, 'busybox', 'true'], { reject: false, timeout: 300_000 })));
    for (const result of results.filter(r => r.exitCode !== 0)) failures.push(`${runtime}: exit ${result.exitCode}: ${result.stderr.trim()}`);
  };
  try {
    const idea = ideasOn ? ideaPair(dir) : undefined;
    const design = designFloor(dir, findExecutable('runc', ['/usr/sbin', '/sbin']) ?? '/usr/sbin/runc');
    d = await startDockerd({
      runtimes: { hardrun: { path: launcherPath }, ...(design ? { 'design-floor': { path: design } } : {}), ...(idea ? { 'hardrun-idea': { path: idea.launcher } } : {}) },
    });
    await importBusybox(d);
    const rows = await compare([
      { name: `${width} x hardrun`, run: () => batch('hardrun') },
      { name: `${width} x runc`, run: () => batch('runc') },
      ...(design ? [{ name: `${width} x the design floor (the launcher and a Bun executable that only execs runc)`, run: () => batch('design-floor') }] : []),
      ...(idea ? [{ name: `idea: ${width} x hardrun, ${idea.name}`, run: () => batch('hardrun-idea') }] : []),
    ], { rounds, warmup: 1 });
    printTable(`wall time of a batch of ${width} concurrent docker runs`, rows.map(row => stats(row.name, row.samples.map(ms => ms / 1000))), { baseline: `${width} x runc`, unit: 's', digits: 2 });
    if (design) console.log(`the design floor alone: ${(rows[2]!.median / rows[1]!.median).toFixed(3)}x runc; hardrun ${(rows[0]!.median / rows[2]!.median).toFixed(3)}x the design floor`);
    const left = await leftoverRecords(d);
    if (left.length > 0) failures.push(`records left behind: ${left.join(', ')}`);
    for (const failure of failures.slice(0, 10)) console.log(`failed: ${failure}`);
    console.log(`${failures.length} failures in ${(rounds + 1) * width * rows.length} runs (warm-up included)`);
    verdict(`all ${width} concurrent runs succeed (failures)`, failures.length, '<=', 0);
    verdict('concurrent wall-time ratio, hardrun / runc (median)', rows[0]!.median / rows[1]!.median, '<=', 1.15);
  } finally {
    await d?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

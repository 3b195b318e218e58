// `docker run --rm busybox true` through hardrun (runc backend, built-in
// policy, audit log on), against the floor of any wrapper (a one-line sh
// script that execs runc, registered beside it) and runc itself, in one
// private dockerd. The target is the time hardrun adds over the floor, in
// milliseconds: a ratio against runc would say more on a fast machine than
// on a slow one for the same added time. The policy file is the built-in
// policy plus the audit log (docs/policy.md's Docker host example); it
// reaches hardrun through HARDRUN_POLICY in the daemons' environment, as a
// host's /etc/hardrun/policy.yaml would, with nothing in front of the
// launcher. Then, traced, what each runtime call Docker makes costs.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerRun, findExecutable, importBusybox, startDockerd, type PrivateDocker } from '../helpers/dockerd.js';
import { leftoverRecords, policyLauncher } from '../helpers/hardrun-docker.js';
import { watchOnlyPolicy } from '../helpers/watch-policy.js';
import { launcherPath } from '../helpers/shipped.js';
import { designFloor } from './design-floor.js';
import { ideaPair, ideasOn } from './ideas.js';
import { perCommand, stamp, tracer } from './trace-calls.js';
import { bench, compare, envInt, median, pairs, printTable, stats, verdict } from './runner.js';

const runc = findExecutable('runc', ['/usr/sbin', '/sbin']) ?? '/usr/sbin/runc';
const designFloorName = 'design floor: the launcher and a Bun executable, built as the engine, that only execs runc';

bench('docker-run: docker run --rm busybox true, hardrun vs runc', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hardrun-bench-'));
  let d: PrivateDocker | undefined;
  let split: Awaited<ReturnType<typeof policyLauncher>> | undefined;
  // The policy file reaches hardrun through its environment, so the launcher keeps its fast path (a --policy flag would not).
  const auditLog = join(dir, 'audit.jsonl');
  writeFileSync(join(dir, 'policy.yaml'), `version: 1\naudit:\n  file: ${auditLog}\n`);
  const floor = join(dir, 'sh-floor');
  writeFileSync(floor, `#!/bin/sh\nexec '${runc}' "$@"\n`);
  chmodSync(floor, 0o755);
  // A policy passed by --policy costs an operator's launcher (one sh): its floor is two.
  const floor2 = join(dir, 'sh-floor-2');
  writeFileSync(floor2, `#!/bin/sh\nexec '${floor}' "$@"\n`);
  chmodSync(floor2, 0o755);
  let watch: Awaited<ReturnType<typeof policyLauncher>> | undefined;
  let learn: Awaited<ReturnType<typeof policyLauncher>> | undefined;
  try {
    const watchPolicy = await watchOnlyPolicy(join(dir, 'watch-audit.jsonl'));
    watch = await policyLauncher(watchPolicy);
    learn = await policyLauncher({ ...watchPolicy, hardening: { ...(watchPolicy['hardening'] as object), rootfs: { mode: 'audit', learn: true } } });
    // Where a create's time goes inside docker run: hardrun until the backend starts, then the backend.
    const stamped = stamp(dir, runc);
    split = await policyLauncher({ defaultBackend: 'stamped', backends: { stamped: { path: stamped.path, kind: 'runc' } } });
    const splitTraced = tracer(dir, 'hardrun-split-traced', split.path);
    const idea = ideasOn ? ideaPair(dir) : undefined;
    const design = designFloor(dir, runc);
    // name -> launcher path; each also gets a traced runtime entry "<name>-traced".
    const sides: Record<string, string> = {
      hardrun: launcherPath, runc, 'sh-floor': floor, ...(design ? { 'design-floor': design } : {}), ...(idea ? { 'hardrun-idea': idea.launcher } : {}),
    };
    const traced = Object.fromEntries(Object.entries(sides).map(([name, path]) => [name, tracer(dir, `${name}-traced`, path)]));
    d = await startDockerd({
      env: { HARDRUN_POLICY: join(dir, 'policy.yaml') },
      runtimes: {
        hardrun: { path: launcherPath },
        'sh-floor': { path: floor },
        ...(design ? { 'design-floor': { path: design } } : {}),
        ...(idea ? { 'hardrun-idea': { path: idea.launcher } } : {}),
        ...Object.fromEntries(Object.entries(traced).map(([name, t]) => [`${name}-traced`, { path: t.path }])),
        'hardrun-split-traced': { path: splitTraced.path },
        'hardrun-watch': { path: watch.path },
        'hardrun-learn': { path: learn.path },
        'sh-floor-2': { path: floor2 },
      },
    });
    await importBusybox(d);
    const docker = d;
    const rows = await compare([
      { name: 'hardrun (built-in policy, audit log on)', run: () => dockerRun(docker, 'hardrun') },
      { name: 'runc', run: () => dockerRun(docker, 'runc') },
      { name: 'floor: sh pass-through, exec runc', run: () => dockerRun(docker, 'sh-floor') },
      { name: 'hardrun watch-only (docs/policy.md), --policy launcher', run: () => dockerRun(docker, 'hardrun-watch') },
      { name: 'hardrun learning (watch-only, rootfs learn: true), --policy launcher', run: () => dockerRun(docker, 'hardrun-learn') },
      { name: 'floor: two sh pass-throughs, exec runc', run: () => dockerRun(docker, 'sh-floor-2') },
      ...(design ? [{ name: designFloorName, run: () => dockerRun(docker, 'design-floor') }] : []),
      ...(idea ? [{ name: `idea: hardrun, ${idea.name}`, run: () => dockerRun(docker, 'hardrun-idea') }] : []),
    ], { rounds: pairs(20) });
    printTable('docker run --rm busybox true (wall time)', rows, { baseline: 'runc' });
    const added = rows[0]!.median - rows[2]!.median;
    const watchAdded = rows[3]!.median - rows[5]!.median;
    const learnAdded = rows[4]!.median - rows[5]!.median;
    console.log(`watch-only adds ${watchAdded.toFixed(1)} ms and learning ${learnAdded.toFixed(1)} ms over the two-sh floor per docker run`);
    console.log(`hardrun adds ${added.toFixed(1)} ms over the sh floor per docker run (${(rows[0]!.median / rows[2]!.median).toFixed(3)}x the floor, ${(rows[0]!.median / rows[1]!.median).toFixed(3)}x runc); the floor adds ${(rows[2]!.median - rows[1]!.median).toFixed(1)} ms over runc`);
    const designMs = rows.find(row => row.name === designFloorName)?.median;
    if (designMs !== undefined) {
      const fixed = designMs - rows[2]!.median;
      console.log(`the design's floor adds ${fixed.toFixed(1)} ms over the sh floor (the launcher and a Bun executable that only execs runc); hardrun's own work, over it: built-in ${(rows[0]!.median - designMs).toFixed(1)} ms, watch-only ${(watchAdded - fixed).toFixed(1)} ms`);
    }

    const traceRuns = envInt('BENCH_TRACE_RUNS', 5, 0);
    for (let i = 0; i < traceRuns; i++) {
      for (const name of Object.keys(sides)) await dockerRun(docker, `${name}-traced`);
      await dockerRun(docker, 'hardrun-split-traced');
    }
    if (traceRuns > 0) {
      const calls = Object.fromEntries(Object.entries(traced).map(([name, t]) => [name, perCommand(t.log)]));
      const commands = [...calls['hardrun']!.keys()];
      printTable(`each runtime call inside docker run, timed by a tracing wrapper (${traceRuns} runs each)`,
        commands.flatMap(command => Object.keys(sides).map(name => stats(`${command} (${name})`, calls[name]!.get(command) ?? []))));
      for (const name of Object.keys(sides).filter(name => name !== 'sh-floor')) {
        const sum = commands.reduce((total, command) => total + median(calls[name]!.get(command) ?? []) - median(calls['sh-floor']!.get(command) ?? []), 0);
        console.log(`${name} against the sh floor per docker run, sum of the calls' median differences: ${sum >= 0 ? '+' : ''}${sum.toFixed(1)} ms`);
      }
      const creates = readFileSync(splitTraced.log, 'utf8').split('\n').filter(line => line.startsWith('create|')).map(line => line.split('|').map(Number));
      const handed = readFileSync(stamped.log, 'utf8').split('\n').filter(line => line.startsWith('create|')).map(line => Number(line.split('|')[1]));
      if (creates.length === handed.length) {
        printTable('create inside docker run, split where the backend starts (the split adds two sh and a date, counted on hardrun\'s side)', [
          stats('hardrun, until runc starts', creates.map(([, start], i) => (handed[i]! - start!) / 1e6)),
          stats('runc, on the spec hardrun wrote', creates.map(([, , end], i) => (end! - handed[i]!) / 1e6)),
          stats('runc, on Docker\'s own spec (runc-traced)', calls['runc']!.get('create') ?? []),
        ]);
      }
    }
    const audited = readFileSync(auditLog, 'utf8').split('\n').filter(line => line.includes('"event":"create"')).length;
    if (audited === 0) throw new Error(`no create was recorded in the audit log ${auditLog}`);
    const left = await leftoverRecords(docker);
    if (left.length > 0) console.log(`WARNING: records left behind: ${left.join(', ')}`);
    verdict('docker run, hardrun (built-in policy, audit log on) minus the sh floor (medians)', added, '<=', 13, ' ms');
    verdict('docker run, hardrun watch-only minus the two-sh floor (medians)', watchAdded, '<=', 10, ' ms');
  } finally {
    await d?.stop();
    await split?.remove();
    await watch?.remove();
    await learn?.remove();
    rmSync(dir, { recursive: true, force: true });
  }
});

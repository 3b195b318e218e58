import test from 'ava';
import { readdir, readFile } from 'node:fs/promises';
import { parseRecord } from '../../src/state/record.js';
import { dockerSuite } from '../helpers/docker-suite.js';
import { findExecutable } from '../helpers/dockerd.js';
import { dockerRoot, policyLauncher } from '../helpers/hardrun-docker.js';
import { leftoversOf } from '../helpers/leftovers.js';
import { launcherPath } from '../helpers/shipped.js';

/**
 * Load: containers created, started, exec'd into, stopped and
 * removed concurrently through Docker under the built-in policy (and under
 * runsc); every call succeeds, no record is ever read half-written, and
 * nothing of hardrun's is left afterwards.
 */
const runsc = findExecutable('runsc', ['/usr/sbin', '/sbin']) ?? '/usr/bin/runsc';
const suite = dockerSuite(test, async cleanup => {
  const gvisor = await policyLauncher({ defaultBackend: 'gvisor', backends: { gvisor: { path: runsc, kind: 'runsc', args: ['--network=none'] } } });
  cleanup(gvisor.remove);
  return { runtimes: { hardrun: { path: launcherPath }, 'hardrun-gvisor': { path: gvisor.path } } };
});
const d = suite.daemon;

/** Reads every record, over and over, until stopped: each must parse whole. */
function watchRecords(root: string): { stop(): Promise<{ reads: number; torn: string[] }> } {
  let running = true as boolean; // set by stop(), which the checker does not follow into the loop
  let reads = 0;
  const torn: string[] = [];
  const loop = (async () => {
    while (running) {
      for (const id of await readdir(`${root}.hardrun`).catch(() => [] as string[])) {
        if (id.startsWith('.')) continue; // a temporary file on its way to a rename
        const text = await readFile(`${root}.hardrun/${id}`, 'utf8').catch(() => undefined);
        if (text === undefined) continue; // deleted between readdir and read
        reads += 1;
        if (parseRecord(text) === undefined) torn.push(text);
      }
      await new Promise(resolve => setTimeout(resolve, 2));
    }
  })();
  return { async stop() { running = false; await loop; return { reads, torn }; } };
}

/** Lets every container start before any is stopped, so that all are alive at once. */
function barrier(count: number): { arrive(): Promise<void> } {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>(resolve => { open = resolve; });
  return { arrive: () => { arrived += 1; if (arrived === count) open(); return opened; } };
}

async function lifecycle(runtime: string, index: number, together: { arrive(): Promise<void> }, hostIds: number[]): Promise<string[]> {
  const failures: string[] = [];
  const step = async (what: string, args: string[], expect?: RegExp): Promise<string> => {
    const result = await d().docker(args, { reject: false, timeout: 300_000 });
    if (result.exitCode !== 0 || (expect !== undefined && !expect.test(result.stdout))) failures.push(`#${index} ${what}: ${result.exitCode} ${result.stderr}`);
    return result.stdout.trim();
  };
  const id = await step('run', ['run', '-d', `--runtime=${runtime}`, 'busybox', 'sleep', '600']);
  if (id !== '' && runtime === 'hardrun') {
    const pid = await step('inspect', ['inspect', '-f', '{{.State.Pid}}', id]);
    hostIds.push(Number((await readFile(`/proc/${pid}/uid_map`, 'utf8').catch(() => '')).trim().split(/\s+/)[1]));
  }
  await together.arrive();
  if (id === '') return failures;
  await step('exec', ['exec', id, 'sh', '-c', 'echo ok'], /^ok$/);
  await step('stop', ['stop', '-t', '1', id]);
  await step('rm', ['rm', id]);
  return failures;
}

async function runConcurrently(t: import('ava').ExecutionContext, runtime: string, count: number): Promise<void> {
  const watcher = watchRecords(dockerRoot(d()));
  const together = barrier(count);
  const hostIds: number[] = [];
  const failures = (await Promise.all(Array.from({ length: count }, (_, index) => lifecycle(runtime, index, together, hostIds)))).flat();
  if (runtime === 'hardrun') {
    t.is(hostIds.length, count);
    t.is(new Set(hostIds).size, count, 'every live container has host ids of its own');
    t.false(hostIds.some(hostId => !(hostId > 0)), 'none is host root');
  }
  const { reads, torn } = await watcher.stop();
  t.deepEqual(failures, []);
  t.true(reads > 0, 'the watcher never saw a record');
  t.deepEqual(torn, [], 'a record was read half-written');
  t.log(`${count} containers through ${runtime}; ${reads} record reads, none torn`);
  t.deepEqual(await leftoversOf(dockerRoot(d())), { records: [], staging: [], mounts: [], claims: [] });
}

test('50 containers at once through hardrun with runc: every step succeeds, nothing left', async t => {
  await runConcurrently(t, 'hardrun', 50);
});

test('20 containers at once through hardrun with runsc: every step succeeds, nothing left', async t => {
  await runConcurrently(t, 'hardrun-gvisor', 20);
});

import test from 'ava';
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { leftoversOf } from '../helpers/leftovers.js';
import { makeScratch, type Scratch } from '../helpers/recorder.js';
import { launcherPath, runHardrun } from '../helpers/shipped.js';
import { minimalSpec } from '../helpers/specs.js';

/**
 * Faults: each leaves nothing behind once the caller has sent the
 * `delete --force` that Docker's and containerd's shims send after a failed
 * or abandoned create, and the next container is unaffected.
 */
async function bundleIn(scratch: Scratch, name = 'bundle'): Promise<string> {
  const bundle = join(scratch.dir, name);
  await mkdir(join(bundle, 'rootfs'), { recursive: true });
  await writeFile(join(bundle, 'config.json'), JSON.stringify(minimalSpec));
  return bundle;
}

const createArgv = (scratch: Scratch, bundle: string, id: string): string[] => ['--root', scratch.root, 'create', '--bundle', bundle, id];
const deleteForce = (scratch: Scratch, id: string) => runHardrun(['--root', scratch.root, 'delete', '--force', id], { env: { HARDRUN_POLICY: scratch.policy } });

async function assertNothingLeft(t: import('ava').ExecutionContext, scratch: Scratch): Promise<void> {
  t.deepEqual(await leftoversOf(scratch.root), { records: [], staging: [], mounts: [], claims: [] });
}

async function assertNextContainerWorks(t: import('ava').ExecutionContext, scratch: Scratch): Promise<void> {
  const bundle = await bundleIn(scratch, 'next');
  const next = await runHardrun(createArgv(scratch, bundle, 'next'), { env: { HARDRUN_POLICY: scratch.policy } });
  t.is(next.exitCode, 0, next.stderr);
  t.is((await deleteForce(scratch, 'next')).exitCode, 0);
}

test('the backend exits non-zero after hardrun staged: delete --force leaves nothing', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const bundle = await bundleIn(scratch);
  const failed = await runHardrun(createArgv(scratch, bundle, 'c1'), { env: { HARDRUN_POLICY: scratch.policy, RECORDER_EXIT: '1', RECORDER_ONLY: 'create' } });
  t.is(failed.exitCode, 1);
  t.true((await leftoversOf(scratch.root)).staging.length === 1, 'the create did not stage');
  t.deepEqual((await leftoversOf(scratch.root)).mounts, [], 'a staging mount is visible on the host');
  t.is((await deleteForce(scratch, 'c1')).exitCode, 0);
  await assertNothingLeft(t, scratch);
  await assertNextContainerWorks(t, scratch);
});

test('the backend killed mid-create: delete --force leaves nothing', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const bundle = await bundleIn(scratch);
  const child = execa(launcherPath, createArgv(scratch, bundle, 'c1'), { env: { HARDRUN_POLICY: scratch.policy, RECORDER_SLEEP: '2', RECORDER_ONLY: 'create' }, reject: false, stdio: 'ignore' });
  // The engine execs the backend: once the record exists, the pid is the backend's.
  for (let tries = 0; tries < 200 && !existsSync(`${scratch.root}.hardrun/c1`); tries += 1) await sleep(10);
  await sleep(100);
  child.kill('SIGKILL');
  t.is((await child).signal, 'SIGKILL');
  t.is((await deleteForce(scratch, 'c1')).exitCode, 0);
  await assertNothingLeft(t, scratch);
  await assertNextContainerWorks(t, scratch);
});

test('hardrun killed at any point of a create: config.json stays valid, delete --force cleans up', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  for (let round = 0; round < 25; round += 1) {
    const bundle = await bundleIn(scratch, `bundle-${round}`);
    const id = `kill-${round}`;
    const child = execa(launcherPath, createArgv(scratch, bundle, id), { env: { HARDRUN_POLICY: scratch.policy, RECORDER_SLEEP: '1', RECORDER_ONLY: 'create' }, reject: false, stdio: 'ignore' });
    await sleep(round * 2);
    child.kill('SIGKILL');
    await child;
    const config = JSON.parse(await readFile(join(bundle, 'config.json'), 'utf8')) as { root?: { readonly?: boolean; path?: string } };
    if (config.root?.readonly === true) {
      // The original is kept in the staging directory the rewrite points into.
      const kept = JSON.parse(await readFile(join(dirname(config.root.path!), 'caller-config.json'), 'utf8')) as { bundle: string; config: unknown };
      t.deepEqual(kept, { bundle, config: minimalSpec }, `round ${round}: original not kept`);
    } else {
      t.deepEqual(config, minimalSpec, `round ${round}: config neither original nor hardened`);
    }
    // A kill between a temporary file's creation and its rename leaves it
    // behind, under a random name nothing reads; the caller removes the
    // bundle with the task. What must never happen is a partial config.json.
    const strays = (await readdir(bundle)).filter(name => name.endsWith('.tmp'));
    t.deepEqual(strays.filter(name => !/^\.config\.json\.[0-9a-f]{12}\.tmp$/.test(name)), [], `round ${round}: an unexpected file in the bundle`);
    t.deepEqual((await readdir(bundle)).filter(name => !name.endsWith('.tmp')).sort(), ['config.json', 'rootfs'], `round ${round}: the bundle gained a file`);
    t.is((await deleteForce(scratch, id)).exitCode, 0);
    t.deepEqual(await leftoversOf(scratch.root), { records: [], staging: [], mounts: [], claims: [] }, `round ${round}`);
  }
  // A kill while the user-namespace child is parked leaves it an orphan: it must end by itself.
  let survivors = await processesNaming(scratch.dir);
  for (let tries = 0; tries < 150 && survivors.length > 0; tries += 1) {
    await sleep(100);
    survivors = await processesNaming(scratch.dir);
  }
  t.deepEqual(survivors, [], 'a process of a killed create is still running after 15 s');
  await assertNextContainerWorks(t, scratch);
});

/** The processes whose command line names `path`. */
async function processesNaming(path: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter(name => /^\d+$/.test(name))) {
    try {
      const command = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      if (command.includes(path)) found.push(`${pid}: ${command}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

test('a state directory that cannot be written: a clear error, no half-written record, nothing staged', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  await writeFile(`${scratch.root}.hardrun`, 'not a directory');
  const bundle = await bundleIn(scratch);
  const result = await runHardrun(createArgv(scratch, bundle, 'c1'), { env: { HARDRUN_POLICY: scratch.policy } });
  t.is(result.exitCode, 1);
  t.regex(result.stderr, /cannot create the state directory .*root\.hardrun|state directory .* is not a directory/);
  t.deepEqual((await leftoversOf(scratch.root)).staging, []);
  t.deepEqual(JSON.parse(await readFile(join(bundle, 'config.json'), 'utf8')), minimalSpec);
  await rm(`${scratch.root}.hardrun`);
});

test('a full disk under the state directory: a clear error, no partial record or temporary file', async t => {
  const scratch = await makeScratch();
  const small = join(scratch.dir, 'small');
  await mkdir(small);
  await execa('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'hardrun-test-full', small]);
  t.teardown(async () => {
    await execa('umount', ['--lazy', small], { reject: false });
    await scratch.remove();
  });
  await mkdir(join(small, 'root.hardrun'));
  await execa('sh', ['-c', `dd if=/dev/zero of=${small}/fill bs=4k 2>/dev/null; true`]);
  const bundle = await bundleIn(scratch);
  const root = join(small, 'root');
  const result = await runHardrun(['--root', root, 'create', '--bundle', bundle, 'c1'], { env: { HARDRUN_POLICY: scratch.policy } });
  t.is(result.exitCode, 1);
  t.regex(result.stderr, /cannot write .*root\.hardrun\/c1: .*ENOSPC|no space left/i);
  t.deepEqual(await readdir(join(small, 'root.hardrun')), [], 'a partial record or temporary file was left');
  t.deepEqual((await leftoversOf(root)).staging, []);
  t.deepEqual(JSON.parse(await readFile(join(bundle, 'config.json'), 'utf8')), minimalSpec);
});

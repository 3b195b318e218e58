import test from 'ava';
import { execa } from 'execa';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupHook, withCleanupHook, withoutCleanupHooks } from '../../src/state/cleanup-hook.js';
import type { Spec } from '../../src/spec/types.js';

const userHook = { path: '/usr/bin/logger', args: ['logger', 'stopped'] };
const target = { record: '/run/runc.hardrun/web', staging: '/run/hardrun/0123456789ab-web', claim: '/run/hardrun/ids/1610612736' };

test('the hook goes last among the poststop hooks, after the caller\'s, whose indices stay', t => {
  const spec: Spec = { ociVersion: '1.0.2', hooks: { poststop: [userHook], prestart: [userHook] } };
  const hooked = withCleanupHook(spec, target);
  t.deepEqual(hooked.hooks?.poststop, [userHook, cleanupHook(target)]);
  t.deepEqual(hooked.hooks?.prestart, [userHook]);
  t.deepEqual(spec.hooks?.poststop, [userHook], 'the input is left as it was');
});

test('an earlier create\'s hook, for another container, is replaced, never kept beside', t => {
  const other = cleanupHook({ record: '/run/runc.hardrun/old' });
  const spec: Spec = { ociVersion: '1.0.2', hooks: { poststop: [other, userHook] } };
  t.deepEqual(withCleanupHook(spec, target).hooks?.poststop, [userHook, cleanupHook(target)]);
  t.deepEqual(withoutCleanupHooks(spec).hooks, { poststop: [userHook] });
  t.deepEqual(withoutCleanupHooks({ ociVersion: '1.0.2', hooks: { poststop: [other] } }).hooks, {});
  const plain: Spec = { ociVersion: '1.0.2' };
  t.is(withoutCleanupHooks(plain), plain);
});

async function runHook(hook: ReturnType<typeof cleanupHook>): Promise<number | undefined> {
  return (await execa(hook.path!, hook.args!.slice(1), { reject: false, env: {}, extendEnv: false })).exitCode;
}

test('run as runc runs it: record, staging and claim go, and it never fails', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-hook-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const record = join(dir, 'root.hardrun', 'web');
  const staging = join(dir, 'stage', '0123456789ab-web');
  const claim = join(dir, 'ids', '1610612736');
  await mkdir(join(dir, 'root.hardrun'));
  await writeFile(record, 'hardrun1\n');
  await mkdir(join(staging, 'rootfs'), { recursive: true });
  await writeFile(join(staging, 'caller-config.json'), '{}');
  await writeFile(join(staging, 'hostname'), '');
  await mkdir(claim, { recursive: true });
  await symlink(record, join(claim, '0123456789ab-web'));
  const hook = cleanupHook({ record, staging, claim });
  t.is(await runHook(hook), 0);
  t.deepEqual(await readdir(join(dir, 'root.hardrun')), []);
  t.deepEqual(await readdir(join(dir, 'stage')), []);
  t.deepEqual(await readdir(join(dir, 'ids')), []);
  t.is(await runHook(hook), 0, 'a second run, with everything gone, succeeds too');
  t.is(await runHook(cleanupHook({ record })), 0, 'a record with no staging or claim');
});

test('what is not hardrun\'s to take stays: a claim holding another container\'s entry, a staging directory something was put in', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-hook-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const staging = join(dir, '0123456789ab-web');
  const claim = join(dir, 'ids', '1610612736');
  await mkdir(join(staging, 'rootfs', 'kept'), { recursive: true });
  await mkdir(claim, { recursive: true });
  await symlink('/nowhere', join(claim, '0123456789ab-web'));
  await symlink('/nowhere', join(claim, 'ffffffffffff-db'));
  t.is(await runHook(cleanupHook({ record: join(dir, 'gone'), staging, claim })), 0);
  t.deepEqual(await readdir(join(staging, 'rootfs')), ['kept'], 'nothing recursive');
  t.deepEqual(await readdir(claim), ['ffffffffffff-db'], 'only its own entry');
});

import test from 'ava';
import { mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatRecord, parseRecord, readRecord, recordDir, removeRecord, ruleShown, writeRecord, type ContainerRecord } from '../../src/state/record.js';

const runsc: ContainerRecord = { kind: 'runsc', name: 'gvisor', path: '/usr/bin/runsc', args: ['--network=none'], rule: 'sandbox-admin' };

test('records sit beside the root, never inside it', t => {
  t.is(recordDir('/run/containerd/runc/k8s.io'), '/run/containerd/runc/k8s.io.hardrun');
  t.is(recordDir('/var/run/docker/runtime-runc/moby/'), '/var/run/docker/runtime-runc/moby.hardrun');
  t.is(recordDir('/'), '/.hardrun');
});

test('a record round-trips through its text form', t => {
  t.deepEqual(parseRecord(formatRecord(runsc)), runsc);
  const raised = { ...runsc, rule: 'debug', raising: 'untrusted' };
  t.deepEqual(parseRecord(formatRecord(raised)), raised);
  t.is(ruleShown(raised), 'debug (raising untrusted)');
  t.is(ruleShown(runsc), 'sandbox-admin');
  t.is(ruleShown(undefined), 'default');
});

test('a pod container\'s record names its sandbox and the network namespace hardrun joins for it', t => {
  const member: ContainerRecord = { kind: 'runc', name: 'runc', path: '/usr/sbin/runc', args: [], staging: '/run/hardrun/0123456789ab-app', claim: '/run/hardrun/ids/300000', ids: { uid: 300000, gid: 300000 }, pod: 'sb', netns: { path: '/var/run/netns/cni-1 x', inode: 4026532174 } };
  t.deepEqual(parseRecord(formatRecord(member)), member);
  t.regex(formatRecord(member), /\npod\tsb\nnetns\t4026532174\t\/var\/run\/netns\/cni-1 x\n$/);
  t.throws(() => formatRecord({ ...member, netns: { path: '/run/a\tb', inode: 1 } }), { message: /tab or newline/ });
});

test('the first line is what the launcher reads: tab-separated, marked direct', t => {
  const [first] = formatRecord(runsc).split('\n');
  t.is(first, 'hardrun1\tdirect\trunsc\tgvisor\t/usr/bin/runsc\t--network=none');
});

test('a record with a capability trace is the engine\'s, which removes the trace at delete', t => {
  const traced = { ...runsc, kind: 'runc' as const, trace: '/sys/kernel/tracing/instances/hardrun-0123456789ab-web' };
  t.true(formatRecord(traced).startsWith('hardrun1\tfull\t'));
  t.deepEqual(parseRecord(formatRecord(traced)), traced);
});

test('a record the launcher could misread is marked for the engine', t => {
  const many = { ...runsc, args: ['a', 'b', 'c', 'd', 'e'] };
  t.true(formatRecord(many).startsWith('hardrun1\tfull\t'));
  const empty = { ...runsc, args: [''] };
  t.true(formatRecord(empty).startsWith('hardrun1\tfull\t'));
  t.deepEqual(parseRecord(formatRecord(many)), many);
});

test('a tab or newline in a backend argument is refused', t => {
  t.throws(() => formatRecord({ ...runsc, args: ['a\tb'] }), { message: /tab or newline/ });
  t.throws(() => formatRecord({ ...runsc, path: '/x\n/y' }), { message: /tab or newline/ });
});

test('write, read and remove a record on disk, atomically and privately', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-record-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const root = join(dir, 'moby');
  writeRecord(root, 'c1', runsc);
  t.deepEqual(readRecord(root, 'c1'), runsc);
  t.deepEqual(await readdir(`${root}.hardrun`), ['c1']);
  removeRecord(root, 'c1');
  t.is(readRecord(root, 'c1'), undefined);
  t.notThrows(() => removeRecord(root, 'c1'));
});

test('removing a record never removes anything but a container id\'s own file', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-record-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const root = join(dir, 'moby');
  writeRecord(root, 'c1', runsc);
  for (const id of ['', '.', '..', '../moby.hardrun', 'c1/', '@default']) {
    t.throws(() => removeRecord(root, id), { message: /not a container id/ }, JSON.stringify(id));
  }
  t.deepEqual(readRecord(root, 'c1'), runsc);
});

test('a record that is a symlink is not followed', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-record-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const root = join(dir, 'moby');
  writeRecord(root, 'c1', runsc);
  await writeFile(join(dir, 'elsewhere'), formatRecord(runsc));
  await symlink(join(dir, 'elsewhere'), `${root}.hardrun/c2`);
  t.throws(() => readRecord(root, 'c2'), { message: /cannot read the record of container c2/ });
});

test('a damaged record is an error, not a silent default', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-record-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const root = join(dir, 'moby');
  writeRecord(root, 'c1', runsc);
  await writeFile(`${root}.hardrun/c1`, 'garbage');
  t.throws(() => readRecord(root, 'c1'), { message: /damaged/ });
  t.is((await readFile(`${root}.hardrun/c1`, 'utf8')), 'garbage');
});

test('the claim of host ids rides on the staging line, the ids on their own; both round-trip', t => {
  const record = { kind: 'runc' as const, name: 'runc', path: '/usr/sbin/runc', args: [], rule: 'default', staging: '/run/hardrun/0123456789ab-c1', claim: '/run/hardrun/ids/1610678272', ids: { uid: 1610678272, gid: 1610678272 } };
  const text = formatRecord(record);
  t.is(text.split('\n')[1], 'staging\t/run/hardrun/0123456789ab-c1\t/run/hardrun/ids/1610678272', 'the launcher reads line 2 as key, staging, claim');
  t.deepEqual(parseRecord(text), record);
});

test('before the default backend changes, each container without a record of its own gets one naming the backend that created it', async t => {
  const { mkdir, stat } = await import('node:fs/promises');
  const { writeDefaultRecord } = await import('../../src/state/record.js');
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-record-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const root = join(dir, 'state');
  const runc: ContainerRecord = { kind: 'runc', name: 'runc', path: '/usr/sbin/runc', args: [] };
  const crun: ContainerRecord = { kind: 'runc', name: 'crun', path: '/usr/bin/crun', args: [] };
  writeDefaultRecord(root, runc, 'first');
  // Two watched containers (state directories, no records), one with a record of its own, and a file that is no container.
  for (const id of ['watched-1', 'watched-2', 'recorded']) {
    await mkdir(join(root, id), { recursive: true });
    await writeFile(join(root, id, id === 'watched-2' ? 'status' : 'state.json'), '{}');
  }
  // No container: a file, crun's own .cache directory, a directory without a backend's state.
  await writeFile(join(root, 'not-a-container'), '');
  await mkdir(join(root, '.cache'));
  await mkdir(join(root, 'empty'));
  writeRecord(root, 'recorded', runsc);
  writeDefaultRecord(root, runc, 'again');
  t.deepEqual((await readdir(recordDir(root))).sort(), ['@default', 'recorded'], 'the same default writes nothing more');
  writeDefaultRecord(root, crun, 'next');
  t.deepEqual(readRecord(root, 'watched-1'), runc);
  t.deepEqual(readRecord(root, 'watched-2'), runc);
  t.deepEqual(readRecord(root, 'recorded'), runsc, 'a record of its own is kept as it is');
  t.is(readRecord(root, 'not-a-container'), undefined);
  t.is(readRecord(root, 'empty'), undefined);
  t.deepEqual((await readdir(recordDir(root))).sort(), ['@default', 'recorded', 'watched-1', 'watched-2'], 'crun\'s .cache is no container');
  t.regex(await readFile(join(recordDir(root), '@default'), 'utf8'), /\tcrun\t\/usr\/bin\/crun\n$/);
  t.is((await stat(join(recordDir(root), 'watched-1'))).mode & 0o777, 0o600);
});

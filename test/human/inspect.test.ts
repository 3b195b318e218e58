import test from 'ava';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { namesInMask } from '../../src/human/inspect/capabilities.js';
import { findContainers, listManaged } from '../../src/human/inspect/locate.js';
import { isRootReadOnly, parseIdMap, type LiveIsolation } from '../../src/human/inspect/proc.js';
import { describePod, podOfContainer } from '../../src/human/inspect/pod.js';
import { judgeIsolation } from '../../src/human/inspect/verdict.js';
import { writeRecord } from '../../src/state/record.js';

test('capability masks name their bits', t => {
  t.deepEqual(namesInMask('00000000000005fb'), ['CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID', 'CAP_SETUID', 'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE']);
  t.deepEqual(namesInMask('0000000000000000'), []);
  t.true(namesInMask('000001ffffffffff').includes('CAP_CHECKPOINT_RESTORE'));
});

test('uid_map lines and the read-only root in mountinfo', t => {
  t.deepEqual(parseIdMap('         0 1610612736      65536\n'), [{ inside: 0, outside: 1610612736, size: 65536 }]);
  const mountinfo = (options: string) => `100 99 0:50 / / ${options},relatime master:1 - overlay overlay rw,lowerdir=x\n101 100 0:51 / /proc rw - proc proc rw\n`;
  t.true(isRootReadOnly(mountinfo('ro')));
  t.false(isRootReadOnly(mountinfo('rw')));
  t.is(isRootReadOnly(''), undefined);
});

const hardened: LiveIsolation = {
  pid: 42, effective: ['CAP_CHOWN'], bounding: ['CAP_CHOWN'], seccomp: 2, noNewPrivs: true,
  uidMap: [{ inside: 0, outside: 1610612736, size: 65536 }], gidMap: [{ inside: 0, outside: 1610612736, size: 65536 }],
  sharedNamespaces: ['cgroup'], rootReadOnly: true,
};
const expect = { allow: ['CAP_CHOWN'], never: ['CAP_SYS_ADMIN'] };

test('a hardened process passes every judgement; a shared cgroup namespace is shown, not held against it', t => {
  const judgements = judgeIsolation(hardened, expect);
  t.true(judgements.every(judgement => judgement.hardened), JSON.stringify(judgements));
  t.regex(judgements.find(judgement => judgement.property.startsWith('namespaces'))!.seen, /cgroup/);
});

test('container root must run as the host uid hardrun recorded for it: its own range', t => {
  const own = judgeIsolation(hardened, { ...expect, hostUid: 1610612736 }).find(judgement => judgement.property === 'user namespace')!;
  t.true(own.hardened);
  t.regex(own.seen, /the range hardrun gave it alone/);
  const other = judgeIsolation(hardened, { ...expect, hostUid: 1610678272 }).find(judgement => judgement.property === 'user namespace')!;
  t.false(other.hardened);
  t.regex(other.seen, /but hardrun recorded 1610678272/);
});

test('what plain runc gives Docker is flagged property by property', t => {
  const plain: LiveIsolation = {
    ...hardened, effective: ['CAP_CHOWN', 'CAP_NET_RAW'], bounding: ['CAP_CHOWN', 'CAP_SYS_ADMIN'], seccomp: 0, noNewPrivs: false,
    uidMap: [{ inside: 0, outside: 0, size: 4294967295 }], sharedNamespaces: ['net'], rootReadOnly: false,
  };
  const judgements = judgeIsolation(plain, expect);
  t.deepEqual(judgements.filter(judgement => !judgement.hardened).map(judgement => judgement.property), [
    'effective capabilities', 'bounding capabilities', 'seccomp', 'no_new_privs', 'user namespace', 'namespaces shared with the host', 'root filesystem',
  ]);
  t.regex(judgements[1]!.seen, /never granted by hardrun: SYS_ADMIN/);
  t.regex(judgements[4]!.seen, /container root is host root/);
});

test('containers are found by record or state directory, by id or unambiguous prefix', async t => {
  const base = await mkdtemp(join(tmpdir(), 'hardrun-locate-'));
  t.teardown(() => rm(base, { recursive: true, force: true }));
  const root = join(base, 'moby');
  await mkdir(join(root, 'abc123'), { recursive: true });
  await mkdir(join(root, 'abd456'), { recursive: true });
  writeRecord(root, 'abc123', { kind: 'runc', name: 'runc', path: '/usr/sbin/runc', args: [], rule: 'default' });
  t.deepEqual(findContainers('abc', [root]).map(found => [found.id, found.record?.rule]), [['abc123', 'default']]);
  t.deepEqual(findContainers('abd', [root]).map(found => [found.id, found.record]), [['abd456', undefined]]);
  t.is(findContainers('ab', [root]).length, 2);
  t.is(findContainers('zz', [root]).length, 0);
  t.deepEqual(listManaged([root]).map(found => found.id), ['abc123']);
});

test('a dockerd with its own exec root is found from its command line, and its containers with it', async t => {
  const { execa } = await import('execa');
  const { writeFile: write, chmod } = await import('node:fs/promises');
  const { defaultRoots, dockerExecRoots } = await import('../../src/human/inspect/locate.js');
  const { recorderPath } = await import('../helpers/recorder.js');
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-execroot-'));
  const execRoot = join(dir, 'exec');
  const root = join(execRoot, 'runtime-runc', 'moby');
  await mkdir(root, { recursive: true });
  writeRecord(root, 'abc123', { kind: 'runc', name: 'runc', path: recorderPath, args: [] });
  // A stand-in named dockerd (the kernel names a script's process after the script), running as long as the test.
  const daemon = join(dir, 'dockerd');
  await write(daemon, '#!/bin/sh\ntrap \'kill $!; exit 0\' TERM\nsleep 30 &\nwait\n');
  await chmod(daemon, 0o755);
  const child = execa(daemon, ['--debug', '--exec-root', execRoot], { reject: false, stdio: 'ignore' });
  t.teardown(async () => {
    child.kill('SIGTERM'); // the stand-in takes its sleep with it
    await child;
    await rm(dir, { recursive: true, force: true });
  });
  for (let tries = 0; tries < 50 && !dockerExecRoots().includes(execRoot); tries += 1) await new Promise(done => setTimeout(done, 20));
  t.true(dockerExecRoots().includes(execRoot));
  t.true(defaultRoots().includes(root));
  t.deepEqual(findContainers('abc', defaultRoots()).map(found => [found.root, found.id]), [[root, 'abc123']]);
});

test('the default record is not a container', async t => {
  const root = await mkdtemp(join(tmpdir(), 'hardrun-default-'));
  t.teardown(() => rm(`${root}.hardrun`, { recursive: true, force: true }).then(() => rm(root, { recursive: true, force: true })));
  const { writeDefaultRecord } = await import('../../src/state/record.js');
  writeDefaultRecord(root, { kind: 'runc', name: 'runc', path: '/usr/sbin/runc', args: [] }, 'c0');
  t.deepEqual(findContainers('@', [root]), []);
  t.deepEqual(findContainers('', [root]), []);
  t.deepEqual(listManaged([root]), []);
});

test('inspect says which pod a container belongs to: its sandbox, and the containers sharing its user namespace', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-inspect-pod-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const root = join(dir, 'k8s.io');
  const runc = { kind: 'runc' as const, name: 'runc', path: '/usr/sbin/runc', args: [], ids: { uid: 300000, gid: 300000 } };
  writeRecord(root, 'sb', runc);
  writeRecord(root, 'app', { ...runc, pod: 'sb' });
  writeRecord(root, 'sidecar', { ...runc, pod: 'sb' });
  writeRecord(root, 'alone', { ...runc, ids: { uid: 400000, gid: 400000 } });
  const found = (id: string) => findContainers(id, [root])[0]!;
  t.deepEqual(podOfContainer(found('sb')), { sandbox: 'sb', containers: ['app', 'sidecar'] });
  t.is(describePod(found('sb'), podOfContainer(found('sb'))), 'pod: sandbox of 2 container(s) (app, sidecar), one user namespace and host range for the pod');
  t.is(describePod(found('app'), podOfContainer(found('app'))), 'pod: a container of sandbox sb with sidecar, one user namespace and host range for the pod');
  t.is(podOfContainer(found('alone')), undefined);
});

test('a runc shim given a Root of its own (containerd\'s option) is found from its bundle\'s options.json, with the namespace appended', async t => {
  const { shimRoots } = await import('../../src/human/inspect/locate.js');
  const { writeFile: write, symlink, chmod } = await import('node:fs/promises');
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-shimroot-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await chmod(dir, 0o755);
  const proc = join(dir, 'proc');
  const custom = join(dir, 'custom');
  const bundle = join(dir, 'bundles', 'k8s.io', 'sandbox1');
  const other = join(dir, 'bundles', 'k8s.io', 'open');
  for (const path of [join(proc, '10'), join(proc, '11'), join(proc, '12'), join(custom, 'k8s.io'), bundle, other]) await mkdir(path, { recursive: true, mode: 0o755 });
  await write(join(bundle, 'options.json'), JSON.stringify({ binary_name: '/usr/bin/hardrun', root: custom }), { mode: 0o644 });
  await write(join(other, 'options.json'), JSON.stringify({ root: join(dir, 'elsewhere') }), { mode: 0o666 });
  await chmod(join(other, 'options.json'), 0o666);
  await write(join(proc, '10', 'comm'), 'containerd-shim\n');
  await symlink(bundle, join(proc, '10', 'cwd'));
  await write(join(proc, '11', 'comm'), 'containerd-shim\n');
  await symlink(other, join(proc, '11', 'cwd'));
  await write(join(proc, '12', 'comm'), 'sleep\n');
  await symlink(bundle, join(proc, '12', 'cwd'));
  t.deepEqual(shimRoots(proc), [join(custom, 'k8s.io')], 'a world-writable options.json is not read');
});

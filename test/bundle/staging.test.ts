import test from 'ava';
import { lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existingUpperOwner, planStaging, prepareStaging, removeStaging, stagingDirFor, type StagingOptions } from '../../src/bundle/staging.js';
import { HardrunError } from '../../src/errors.js';
import { defaultHardening } from '../../src/harden/units.js';
import type { Mount, Spec } from '../../src/spec/types.js';
import type { Slot } from '../../src/state/id-slots.js';

function scratch(t: import('ava').ExecutionContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'hardrun-staging-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const bind = (source: string, destination: string): Mount => ({ destination, type: 'bind', source, options: ['rbind', 'rw'] });

function plan(dir: string, mounts: Mount[], options: Partial<StagingOptions> = {}, mountinfo = '') {
  mkdirSync(join(dir, 'bundle', 'rootfs'), { recursive: true });
  const spec: Spec = { root: { path: 'rootfs', readonly: true }, mounts };
  return planStaging(spec, join(dir, 'bundle'), '/run/hardrun/000000000000-c', { mountinfo, ...defaultHardening.userNamespace, ...options });
}

test('binds are idmapped with nosuid,nodev written into their options; the host\'s programs and logs are not', t => {
  const dir = scratch(t);
  mkdirSync(join(dir, 'data'));
  const staged = plan(dir, [bind(join(dir, 'data'), '/data'), bind('/usr', '/hostusr'), bind('/var/log', '/log')]);
  t.deepEqual(staged.binds.map(item => [item.source, item.idmap]), [[join(dir, 'data'), true], ['/usr', false], ['/var/log', false]]);
  t.true(staged.spec.mounts![0]!.options!.includes('nosuid') && staged.spec.mounts![0]!.options!.includes('nodev'));
  t.is(staged.spec.mounts![0]!.source, '/run/hardrun/000000000000-c/m0');
});

test('idmapMounts: volumes idmaps only the engines\' volumes; none idmaps nothing', t => {
  const dir = scratch(t);
  const volume = join(dir, 'docker', 'volumes', 'pgdata', '_data');
  mkdirSync(volume, { recursive: true });
  mkdirSync(join(dir, 'data'));
  const mounts = [bind(volume, '/var/lib/postgresql/data'), bind(join(dir, 'data'), '/data')];
  t.deepEqual(plan(dir, mounts, { idmapMounts: 'volumes' }).binds.map(item => item.idmap), [true, false]);
  t.deepEqual(plan(dir, mounts, { idmapMounts: 'none' }).binds.map(item => item.idmap), [false, false]);
});

test('never a Unix socket, nor the engine\'s own data root or exec root (found from its layers and --root), volumes excepted', async t => {
  const dir = scratch(t);
  const dataRoot = join(dir, 'srv-docker');
  const layer = join(dataRoot, 'overlay2', 'abc');
  for (const path of [join(layer, 'diff'), join(layer, 'merged'), join(dataRoot, 'overlay2', 'l', 'L1'), join(dataRoot, 'volumes', 'v', '_data'), join(dir, 'exec', 'runtime-runc', 'moby')]) mkdirSync(path, { recursive: true });
  const socket = join(dir, 'engine.sock');
  const server = createServer();
  await new Promise<void>(resolve => server.listen(socket, resolve));
  t.teardown(() => server.close());
  const mountinfo = `400 22 0:50 / ${join(layer, 'merged')} rw - overlay overlay rw,lowerdir=${join(dataRoot, 'overlay2', 'l', 'L1')},upperdir=${join(layer, 'diff')},workdir=${join(layer, 'work')}`;
  mkdirSync(join(dir, 'bundle'), { recursive: true });
  const spec: Spec = {
    root: { path: join(layer, 'merged'), readonly: true },
    mounts: [bind(socket, '/engine.sock'), bind(dataRoot, '/data'), bind(join(dataRoot, 'volumes', 'v', '_data'), '/v'), bind(join(dir, 'exec'), '/exec'), bind(dir, '/parent')],
  };
  const staged = planStaging(spec, join(dir, 'bundle'), '/run/hardrun/000000000000-c', { mountinfo, ...defaultHardening.userNamespace, callerPaths: [join(dir, 'exec', 'runtime-runc', 'moby')] });
  t.deepEqual(staged.binds.map(item => [item.target.slice(-2), item.idmap]), [['m0', false], ['m1', false], ['m2', true], ['m3', false], ['m4', false]]);
  t.like(staged.root, { kind: 'overlay', layers: [join(layer, 'diff'), join(dataRoot, 'overlay2', 'l', 'L1')] });
});

test('a writable root gets an upper of hardrun\'s beside the container\'s layer; a plain directory is idmapped as it is', t => {
  const dir = scratch(t);
  const layer = join(dir, 'snapshots', '7');
  for (const path of [join(layer, 'fs'), join(dir, 'snapshots', '6', 'fs'), join(dir, 'bundle', 'rootfs')]) mkdirSync(path, { recursive: true });
  const mountinfo = `401 22 0:51 / ${join(dir, 'bundle', 'rootfs')} rw - overlay overlay rw,lowerdir=${join(dir, 'snapshots', '6', 'fs')},upperdir=${join(layer, 'fs')},workdir=${join(layer, 'work')}`;
  const writable = planStaging({ root: { path: 'rootfs' } }, join(dir, 'bundle'), '/run/hardrun/000000000000-c', { mountinfo, ...defaultHardening.userNamespace });
  t.deepEqual(writable.root, { kind: 'overlay', layers: [join(layer, 'fs'), join(dir, 'snapshots', '6', 'fs')], upper: { upper: join(layer, 'hardrun-fs-upper'), work: join(layer, 'hardrun-fs-work') }, shared: join(dir, 'snapshots') });
  t.deepEqual(plan(dir, []).root, { kind: 'tree' });
});

const idmapOf = (staged: ReturnType<typeof plan>): boolean[] => staged.binds.map(item => item.idmap);

test('plainBindPaths are never idmapped, nor anything under them, but a volume kept there is', t => {
  const dir = scratch(t);
  const shared = join(dir, 'shared');
  for (const path of [join(shared, 'lib'), join(shared, 'volumes', 'v', '_data'), join(dir, 'sharedness'), join(dir, 'own')]) mkdirSync(path, { recursive: true });
  const mounts = [bind(shared, '/a'), bind(join(shared, 'lib'), '/b'), bind(join(shared, 'volumes', 'v', '_data'), '/c'), bind(join(dir, 'sharedness'), '/d'), bind(join(dir, 'own'), '/e'), bind(dir, '/f')];
  t.deepEqual(idmapOf(plan(dir, mounts, { plainBindPaths: [shared] })), [false, false, true, true, true, true]);
  t.deepEqual(idmapOf(plan(dir, mounts, { plainBindPaths: [] })), [true, true, true, true, true, true]);
});

test('a bind is judged where it leads: a symlink to a plain path is plain, and to a socket, even one in a volume, is never idmapped', async t => {
  const dir = scratch(t);
  const volume = join(dir, 'volumes', 'sockets', '_data');
  mkdirSync(volume, { recursive: true });
  mkdirSync(join(dir, 'plain'));
  symlinkSync(join(dir, 'plain'), join(dir, 'link-to-plain'));
  const socket = join(volume, 'api.sock');
  const server = createServer();
  await new Promise<void>(resolve => server.listen(socket, resolve));
  t.teardown(() => server.close());
  symlinkSync(socket, join(dir, 'link-to-socket'));
  const mounts = [bind(join(dir, 'link-to-plain'), '/a'), bind(socket, '/b'), bind(join(dir, 'link-to-socket'), '/c'), bind(volume, '/d')];
  t.deepEqual(idmapOf(plan(dir, mounts, { plainBindPaths: [join(dir, 'plain')] })), [false, false, false, true]);
});

test("containerd's state above the bundle is never idmapped, nor is a parent of it; a sibling is", t => {
  const dir = scratch(t);
  const state = join(dir, 'state');
  const bundle = join(state, 'io.containerd.runtime.v2.task', 'k8s.io', 'c1');
  for (const path of [join(bundle, 'rootfs'), join(dir, 'elsewhere')]) mkdirSync(path, { recursive: true });
  const spec: Spec = { root: { path: 'rootfs', readonly: true }, mounts: [bind(state, '/a'), bind(join(bundle, 'rootfs'), '/b'), bind(dir, '/c'), bind(join(dir, 'elsewhere'), '/d')] };
  const staged = planStaging(spec, bundle, '/run/hardrun/000000000000-c', { mountinfo: '', ...defaultHardening.userNamespace, plainBindPaths: [] });
  t.deepEqual(staged.binds.map(item => item.idmap), [false, false, false, true]);
});

/** A rootfs that is an overlay mount, as mountinfo shows one, with its upper layer at `upper`. */
function overlayRootfs(dir: string, name: string, upper: string): { bundle: string; mountinfo: string } {
  const bundle = join(dir, `bundle-${name}`);
  const lower = join(dir, 'lower');
  for (const path of [join(bundle, 'rootfs'), upper, lower]) mkdirSync(path, { recursive: true });
  return { bundle, mountinfo: `402 22 0:52 / ${join(bundle, 'rootfs')} rw - overlay overlay rw,lowerdir=${lower},upperdir=${upper},workdir=${upper}-work` };
}

test("a writable root's upper is named after the container's own layer: Docker's diff, and two layers in one directory never share one", t => {
  const dir = scratch(t);
  const docker = overlayRootfs(dir, 'docker', join(dir, 'overlay2', 'f00d', 'diff'));
  const writable = planStaging({ root: { path: 'rootfs' } }, docker.bundle, '/run/hardrun/000000000000-c', { mountinfo: docker.mountinfo, ...defaultHardening.userNamespace });
  t.like(writable.root, {
    kind: 'overlay',
    layers: [join(dir, 'overlay2', 'f00d', 'diff'), join(dir, 'lower')],
    upper: { upper: join(dir, 'overlay2', 'f00d', 'hardrun-diff-upper'), work: join(dir, 'overlay2', 'f00d', 'hardrun-diff-work') },
  });
  const uppers = ['one', 'two'].map(name => {
    const layer = overlayRootfs(dir, name, join(dir, 'layers', name));
    const root = planStaging({ root: { path: 'rootfs' } }, layer.bundle, '/run/hardrun/000000000000-c', { mountinfo: layer.mountinfo, ...defaultHardening.userNamespace }).root;
    return root.kind === 'overlay' ? root.upper?.upper : undefined;
  });
  t.deepEqual(uppers, [join(dir, 'layers', 'hardrun-one-upper'), join(dir, 'layers', 'hardrun-two-upper')]);
  const readonly = planStaging({ root: { path: 'rootfs', readonly: true } }, docker.bundle, '/run/hardrun/000000000000-c', { mountinfo: docker.mountinfo, ...defaultHardening.userNamespace });
  t.like(readonly.root, { kind: 'overlay', layers: [join(dir, 'overlay2', 'f00d', 'diff'), join(dir, 'lower')] });
  t.false(readonly.root.kind === 'overlay' && readonly.root.upper !== undefined, 'a read-only root has no upper');
});

const slot = (hostID: number): Slot => ({ uids: { hostID, size: 65536 }, gids: { hostID, size: 65536 } });

test('the upper of a writable root is created for the container\'s root once; a later create finds its owner and keeps it', t => {
  const dir = scratch(t);
  const docker = overlayRootfs(dir, 'docker', join(dir, 'overlay2', 'beef', 'diff'));
  const spec: Spec = { root: { path: 'rootfs' }, mounts: [] };
  const stagingDir = stagingDirFor(dir, 'staging-test');
  t.teardown(() => removeStaging(stagingDir));
  const staged = planStaging(spec, docker.bundle, stagingDir, { mountinfo: docker.mountinfo, ...defaultHardening.userNamespace });
  const upper = join(dir, 'overlay2', 'beef', 'hardrun-diff-upper');
  t.is(existingUpperOwner(spec, docker.bundle, docker.mountinfo), undefined, 'no upper yet');
  prepareStaging(staged, slot(1_610_612_736));
  t.like(lstatSync(upper), { uid: 1_610_612_736, gid: 1_610_612_736 });
  t.is(lstatSync(join(dir, 'overlay2', 'beef', 'hardrun-diff-work')).uid, 0, 'the work directory is the kernel\'s, not the container\'s');
  t.is(existingUpperOwner(spec, docker.bundle, docker.mountinfo), 1_610_612_736);
  // A restart that got other ids: what the container wrote keeps its owner.
  prepareStaging(staged, slot(1_610_678_272));
  t.is(lstatSync(upper).uid, 1_610_612_736);
  t.is(existingUpperOwner({ ...spec, root: { path: 'rootfs', readonly: true } }, docker.bundle, docker.mountinfo), undefined, 'a read-only root has no upper');
  t.is(existingUpperOwner(spec, docker.bundle, ''), undefined, 'a plain directory root has no upper');
});

test('mountpoints: one per mount the rootfs may lack, not for / nor inside another mount; a file for a file source', t => {
  const dir = scratch(t);
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'hosts'), '');
  const mounts: Mount[] = [
    bind(join(dir, 'data'), '/srv'),
    bind(join(dir, 'hosts'), '/etc/hosts'),
    { destination: '/tmp', type: 'tmpfs', source: 'tmpfs', options: [] },
    { destination: '/tmp/inner', type: 'tmpfs', source: 'tmpfs', options: [] },
    bind(join(dir, 'data'), '/srv/nested'),
    bind('data', '/relative'),
    { destination: '/', type: 'bind', source: join(dir, 'data'), options: ['rbind'] },
  ];
  mkdirSync(join(dir, 'bundle', 'data'), { recursive: true });
  const staged = plan(dir, mounts);
  t.deepEqual(staged.mountpoints, [{ path: '/srv', kind: 'dir' }, { path: '/etc/hosts', kind: 'file' }, { path: '/tmp', kind: 'dir' }, { path: '/relative', kind: 'dir' }]);
  t.deepEqual(staged.binds.map(item => item.source), [join(dir, 'data'), join(dir, 'hosts'), join(dir, 'data'), join(dir, 'bundle', 'data'), join(dir, 'data')]);
});

test('a bind whose source is missing, or a rootfs that is a symlink, is refused with a sentence', t => {
  const dir = scratch(t);
  t.throws(() => plan(dir, [bind(join(dir, 'missing'), '/data')]), { instanceOf: HardrunError, message: `the source ${join(dir, 'missing')} of the mount on /data does not exist` });
  mkdirSync(join(dir, 'host-etc'));
  mkdirSync(join(dir, 'linked'));
  symlinkSync(join(dir, 'host-etc'), join(dir, 'linked', 'rootfs'));
  const error = t.throws(() => planStaging({ root: { path: 'rootfs' } }, join(dir, 'linked'), '/run/hardrun/000000000000-c', { mountinfo: '', ...defaultHardening.userNamespace }), { instanceOf: HardrunError });
  t.is(error.code, 'rootfs');
});

test('one idmapped view of the directory above the layers stands for them only where it shows each: not across a mount; a layer through a symlink is taken where it leads', t => {
  const dir = scratch(t);
  const snapshots = join(dir, 'snapshots');
  for (const path of [join(snapshots, '7', 'fs'), join(snapshots, '6', 'fs'), join(dir, 'elsewhere', 'fs'), join(dir, 'bundle', 'rootfs')]) mkdirSync(path, { recursive: true });
  symlinkSync(join(dir, 'elsewhere', 'fs'), join(snapshots, '5'));
  const overlay = (lowers: string[]) => `401 22 0:51 / ${join(dir, 'bundle', 'rootfs')} rw - overlay overlay rw,lowerdir=${lowers.join(':')}`;
  const rootOf = (mountinfo: string) => planStaging({ root: { path: 'rootfs', readonly: true } }, join(dir, 'bundle'), '/run/hardrun/000000000000-c', { mountinfo, ...defaultHardening.userNamespace }).root;
  t.like(rootOf(overlay([join(snapshots, '7', 'fs'), join(snapshots, '6', 'fs')])), { kind: 'overlay', shared: snapshots });
  const mounted = `402 22 0:52 / ${join(snapshots, '6')} rw - ext4 /dev/vdb rw\n${overlay([join(snapshots, '7', 'fs'), join(snapshots, '6', 'fs')])}`;
  t.like(rootOf(mounted), { kind: 'overlay', shared: undefined }, 'a layer on a mount of its own');
  // Docker's l/ short links: the view is of the directory above the real layers, never through the link.
  t.like(rootOf(overlay([join(snapshots, '7', 'fs'), join(snapshots, '5')])), { kind: 'overlay', layers: [join(snapshots, '7', 'fs'), join(dir, 'elsewhere', 'fs')], shared: dir }, 'a layer through a symlink');
});

import test from 'ava';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planStaging, type StagingOptions } from '../../src/bundle/staging.js';
import { defaultHardening } from '../../src/harden/settings.js';
import type { Mount, Spec } from '../../src/spec/types.js';

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

test('one idmapped view of the directory above the layers stands for them only where it shows each: not across a mount, not through a symlink', t => {
  const dir = scratch(t);
  const snapshots = join(dir, 'snapshots');
  for (const path of [join(snapshots, '7', 'fs'), join(snapshots, '6', 'fs'), join(dir, 'elsewhere', 'fs'), join(dir, 'bundle', 'rootfs')]) mkdirSync(path, { recursive: true });
  symlinkSync(join(dir, 'elsewhere', 'fs'), join(snapshots, '5'));
  const overlay = (lowers: string[]) => `401 22 0:51 / ${join(dir, 'bundle', 'rootfs')} rw - overlay overlay rw,lowerdir=${lowers.join(':')}`;
  const rootOf = (mountinfo: string) => planStaging({ root: { path: 'rootfs', readonly: true } }, join(dir, 'bundle'), '/run/hardrun/000000000000-c', { mountinfo, ...defaultHardening.userNamespace }).root;
  t.like(rootOf(overlay([join(snapshots, '7', 'fs'), join(snapshots, '6', 'fs')])), { kind: 'overlay', shared: snapshots });
  const mounted = `402 22 0:52 / ${join(snapshots, '6')} rw - ext4 /dev/vdb rw\n${overlay([join(snapshots, '7', 'fs'), join(snapshots, '6', 'fs')])}`;
  t.like(rootOf(mounted), { kind: 'overlay', shared: undefined }, 'a layer on a mount of its own');
  t.like(rootOf(overlay([join(snapshots, '7', 'fs'), join(snapshots, '5')])), { kind: 'overlay', shared: undefined }, 'a layer through a symlink');
});

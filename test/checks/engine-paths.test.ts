import test from 'ava';
import { enginePathsOf } from '../../src/checks/engine-paths.js';
import { checkSensitiveMounts } from '../../src/checks/sensitive-mounts.js';
import type { Origin } from '../../src/checks/types.js';
import { builtinChecks } from '../../src/policy/builtin.js';
import type { Spec } from '../../src/spec/types.js';
import { fakeHost } from '../helpers/fake-host.js';
import { minimalSpec } from '../helpers/specs.js';

// A dockerd started with --data-root /srv/docker --exec-root /srv/exec, and
// a second containerd with its state in /run/containerd2 and its root in
// /data/containerd2, as their calls show them.
const docker: Origin = { root: '/srv/exec/runtime-runc/moby', bundle: '/srv/exec/containerd/daemon/io.containerd.runtime.v2.task/moby/c1' };
const dockerRootfs = '/srv/docker/overlay2/4f2a/merged';
const containerd: Origin = { root: '/run/containerd2/runc/k8s.io', bundle: '/run/containerd2/io.containerd.runtime.v2.task/k8s.io/c1' };

const withBind = (source: string, rootfs = 'rootfs'): Spec => ({ ...minimalSpec, root: { path: rootfs }, mounts: [{ destination: '/x', type: 'bind', source, options: ['rbind'] }] });
const judge = (origin: Origin, spec: Spec, host = fakeHost(), settings = builtinChecks.sensitiveMounts) => checkSensitiveMounts(spec, settings, { id: 'c1', host, origin });

test('the engine paths a call shows: exec root, containerd state, data root, the runtime root and its records', t => {
  t.deepEqual(enginePathsOf(docker, withBind('/x', dockerRootfs)).paths.map(entry => entry.path),
    ['/srv/exec/runtime-runc/moby', '/srv/exec/runtime-runc/moby.hardrun', '/srv/exec', '/srv/exec/containerd/daemon', '/srv/docker']);
  t.deepEqual(enginePathsOf(containerd, withBind('/x')).paths.map(entry => entry.path),
    ['/run/containerd2/runc/k8s.io', '/run/containerd2/runc/k8s.io.hardrun', '/run/containerd2', '/run/containerd2']);
  t.deepEqual(enginePathsOf({ root: undefined, bundle: '/b/c1' }, withBind('/x', '/data/containerd2/io.containerd.snapshotter.v1.overlayfs/snapshots/7/fs')).paths.map(entry => entry.path), ['/data/containerd2']);
  t.deepEqual(enginePathsOf({ root: '/tmp/t/state', bundle: '/tmp/t/bundle' }, withBind('/x')).paths.map(entry => entry.path), ['/tmp/t/state', '/tmp/t/state.hardrun']);
});

const refused: [string, Origin, string, string, RegExp][] = [
  ['the data root', docker, dockerRootfs, '/srv/docker', /host path \/srv\/docker on \/x exposes the engine's data root \(above the rootfs\); list the path in checks\.sensitiveMounts\.allow to allow it/],
  ["another container's files", docker, dockerRootfs, '/srv/docker/containers/c2/hostname', /, under \/srv\/docker on \/x exposes the engine's data root/],
  ['a parent of the data root', docker, dockerRootfs, '/srv', /host path \/srv, a parent of \/srv\/exec/],
  ['the exec root', docker, dockerRootfs, '/srv/exec', /exposes the engine's exec root/],
  ["the runtime's state", docker, dockerRootfs, '/srv/exec/runtime-runc/moby/c2', /exposes the runtime's state directory \(--root\)/],
  ["containerd's state, by --root", containerd, 'rootfs', '/run/containerd2', /exposes containerd's state directory \(above --root\)/],
  ["containerd's socket", containerd, 'rootfs', '/run/containerd2/containerd.sock', /under \/run\/containerd2 on \/x exposes containerd's state/],
  ["containerd's root, by the snapshot the rootfs is", { root: undefined, bundle: '/b/c1' }, '/data/containerd2/io.containerd.snapshotter.v1.overlayfs/snapshots/7/fs', '/data/containerd2/io.containerd.content.v1.content', /exposes containerd's root \(above the rootfs\)/],
];
for (const [title, origin, rootfs, source, message] of refused) {
  test(`engine paths at non-default places: ${title} is refused`, t => {
    const violations = judge(origin, withBind(source, rootfs));
    t.is(violations.length, 1);
    t.regex(violations[0]!.message, message);
  });
}

const allowed: [string, Origin, string, string][] = [
  ['its own hostname', docker, dockerRootfs, '/srv/docker/containers/c1/hostname'],
  ['its own /dev/shm', docker, dockerRootfs, '/srv/docker/containers/c1/mounts/shm'],
  ['a named volume', docker, dockerRootfs, '/srv/docker/volumes/db/_data'],
  ['data beside the engine', docker, dockerRootfs, '/srv/data'],
  ["the CRI sandbox's files", containerd, 'rootfs', '/run/containerd2/io.containerd.grpc.v1.cri/sandboxes/s1/hostname'],
];
for (const [title, origin, rootfs, source] of allowed) {
  test(`engine paths at non-default places: ${title} is allowed`, t => {
    t.deepEqual(judge(origin, withBind(source, rootfs)), []);
  });
}

test('a Unix socket is refused wherever it is, by type after symlinks, unless allowed', t => {
  const host = fakeHost({ '/tmp/innocent': '/srv/api.sock' }, [], ['/srv/api.sock']);
  const origin: Origin = { root: '/tmp/t/state', bundle: '/tmp/t/bundle' };
  const [direct] = judge(origin, withBind('/srv/api.sock'), host);
  t.regex(direct!.message, /^the bind mount of host path \/srv\/api\.sock on \/x hands over a Unix socket, a host service's API .*; list the path in checks\.sensitiveMounts\.allow to allow it$/);
  const [linked] = judge(origin, withBind('/tmp/innocent'), host);
  t.regex(linked!.message, /host path \/tmp\/innocent \(\/srv\/api\.sock\) on \/x hands over a Unix socket/);
  const settings = { ...builtinChecks.sensitiveMounts, allow: [...builtinChecks.sensitiveMounts.allow, '/srv/api.sock'] };
  t.deepEqual(judge(origin, withBind('/tmp/innocent'), host, settings), []);
  t.deepEqual(judge(origin, withBind('/srv'), host), [], 'a directory holding a socket is not a socket');
});

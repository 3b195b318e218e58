import test from 'ava';
import { checkSensitiveMounts } from '../../src/checks/sensitive-mounts.js';
import type { Origin } from '../../src/checks/types.js';
import { builtinChecks } from '../../src/policy/builtin.js';
import type { Spec } from '../../src/spec/types.js';
import { fakeHost } from '../helpers/fake-host.js';
import { minimalSpec } from '../helpers/specs.js';

// A call as Debian's podman 4.3 makes it (read from the config.json it
// writes): no --root, the bundle is the container's userdata in the storage
// root, the rootfs an overlay layer beside it, /dev/shm and secrets bound
// from that userdata, /etc/hosts and the like from the run root.
const id = '5bc5d89931c9f42b8fe674cd9926168d7632c2c759174b43138e3ccc7b9f9f80';
const other = '7965137530fe88f7df44717ed7f1593cf4c90befb88c90efe461f2d80a7a9c0f';
const storages = ['/var/lib/containers/storage', '/srv/podman/storage'];
const podmanCall = (storage: string): { origin: Origin; rootfs: string } => ({
  origin: { root: '/run/runc', bundle: `${storage}/overlay-containers/${id}/userdata` },
  rootfs: `${storage}/overlay/7185d03d5814e6db4d26bdb5d796ec8667a2357f8dbfdd9eb7a82ef4f7eec941/merged`,
});

const withBind = (rootfs: string, source: string, destination = '/x'): Spec => ({ ...minimalSpec, root: { path: rootfs }, mounts: [{ destination, type: 'bind', source, options: ['bind', 'rprivate'] }] });
const judge = (origin: Origin, spec: Spec, sockets: string[] = []) => checkSensitiveMounts(spec, builtinChecks.sensitiveMounts, { id, host: fakeHost({}, [], sockets), origin });

for (const storage of storages) {
  const { origin, rootfs } = podmanCall(storage);
  const own = `${storage}/overlay-containers/${id}/userdata`;
  const allowed: [string, string, string][] = [
    ['its own /dev/shm', `${own}/shm`, '/dev/shm'],
    ['its own secret', `${own}/secrets/mysec`, '/run/secrets/mysec'],
    ['a named volume', `${storage}/volumes/vol1/_data`, '/data'],
    ['its /etc/hosts from the run root', `/run/containers/storage/overlay-containers/${id}/userdata/hosts`, '/etc/hosts'],
  ];
  for (const [title, source, destination] of allowed) {
    test(`podman (${storage}): ${title} is allowed`, t => {
      t.deepEqual(judge(origin, withBind(rootfs, source, destination)), []);
    });
  }

  // At its default place the storage root is a built-in sensitive path too, named first.
  const named = storage === '/var/lib/containers/storage' ? /, under \/var\/lib\/containers on \/x exposes the host/ : /exposes the engine's data root \(above the rootfs\); list the path in checks\.sensitiveMounts\.allow to allow it/;
  const refused: [string, string, RegExp][] = [
    ["another container's /dev/shm", `${storage}/overlay-containers/${other}/userdata/shm`, named],
    ["another container's secret", `${storage}/overlay-containers/${other}/userdata/secrets/mysec`, named],
    ['its own config.json', `${own}/config.json`, named],
    ['its own log', `${own}/ctr.log`, named],
    ["conmon's control fifo", `${own}/ctl`, named],
    ["conmon's attach socket", `${own}/attach`, named],
    ['its own userdata as a whole', own, named],
    ['every container', `${storage}/overlay-containers`, named],
    ['the image layers', `${storage}/overlay`, named],
    ['the image store', `${storage}/overlay-images`, named],
    ["Podman's database", `${storage}/libpod/bolt_state.db`, named],
    ['the storage root', storage, /on \/x exposes (the engine's data root|the host)/],
  ];
  for (const [title, source, message] of refused) {
    test(`podman (${storage}): ${title} is refused`, t => {
      const violations = judge(origin, withBind(rootfs, source));
      t.is(violations.length, 1);
      t.regex(violations[0]!.message, message);
    });
  }
}

test("podman: Podman's API socket is refused, at its place and as any Unix socket", t => {
  const { origin, rootfs } = podmanCall(storages[0]!);
  const [atPlace] = judge(origin, withBind(rootfs, '/run/podman/podman.sock'));
  t.regex(atPlace!.message, /host path \/run\/podman\/podman\.sock, under \/run\/podman on \/x exposes the host/);
  const [moved] = judge(origin, withBind(rootfs, '/srv/podman/podman.sock'), ['/srv/podman/podman.sock']);
  t.regex(moved!.message, /hands over a Unix socket/);
});

test("podman: the own files are allowed only for the container whose userdata the bundle is, under the rootfs's storage root", t => {
  const { rootfs } = podmanCall(storages[1]!);
  const shm = `/srv/podman/storage/overlay-containers/${id}/userdata/shm`;
  // A bundle elsewhere (runc run by hand, containerd) says nothing of Podman.
  t.is(judge({ root: '/run/runc', bundle: '/tmp/bundle' }, withBind(rootfs, shm)).length, 1);
  // A bundle in another storage root than the rootfs's is not this container's userdata.
  t.is(judge({ root: '/run/runc', bundle: `/srv/other/overlay-containers/${id}/userdata` }, withBind(rootfs, shm)).length, 1);
});

// podman run --rootfs DIR: no rootfs names the storage root, the built-in paths guard it at its default place.
const rootfsDir = '/srv/rootfs-dir';
const defaultUserdata = (of: string) => `/var/lib/containers/storage/overlay-containers/${of}/userdata`;
const byRootfsOption: Origin = { root: '/run/runc', bundle: defaultUserdata(id) };

test('podman run --rootfs: its own /dev/shm, secrets and volumes are allowed at the default storage root', t => {
  for (const source of [`${defaultUserdata(id)}/shm`, `${defaultUserdata(id)}/secrets/mysec`, '/var/lib/containers/storage/volumes/vol1/_data']) {
    t.deepEqual(judge(byRootfsOption, withBind(rootfsDir, source)), [], source);
  }
});

const refusedByPlace: [string, string, RegExp][] = [
  ["another container's /dev/shm", `${defaultUserdata(other)}/shm`, /, under \/var\/lib\/containers on \/x exposes the host/],
  ["its own attach socket", `${defaultUserdata(id)}/attach`, /, under \/var\/lib\/containers on \/x exposes the host/],
  ["Podman's database", '/var/lib/containers/storage/libpod/bolt_state.db', /, under \/var\/lib\/containers on \/x exposes the host/],
  ["the host's images and containers (podman in podman)", '/var/lib/containers', /host path \/var\/lib\/containers on \/x exposes the host/],
  ["libpod's exit codes", '/run/libpod/exits', /, under \/run\/libpod on \/x exposes the host/],
];
for (const [title, source, message] of refusedByPlace) {
  test(`podman run --rootfs: ${title} is refused`, t => {
    const violations = judge(byRootfsOption, withBind(rootfsDir, source));
    t.is(violations.length, 1);
    t.regex(violations[0]!.message, message);
  });
}

test('a storage root reached through a symlink keeps its own files and volumes, and its other files stay refused', t => {
  // As podman 4.3 names them: the rootfs resolved, the bundle and the binds through the link.
  const { origin } = podmanCall('/srv/podman/storage');
  const { rootfs } = podmanCall('/data/podman/storage');
  const host = fakeHost({ '/srv/podman': '/data/podman' });
  const judgeOn = (source: string) => checkSensitiveMounts(withBind(rootfs, source), builtinChecks.sensitiveMounts, { id, host, origin });
  t.deepEqual(judgeOn(`/srv/podman/storage/overlay-containers/${id}/userdata/shm`), []);
  t.deepEqual(judgeOn('/srv/podman/storage/volumes/vol1/_data'), []);
  const [neighbour] = judgeOn(`/srv/podman/storage/overlay-containers/${other}/userdata/shm`);
  t.regex(neighbour!.message, /\(\/data\/podman\/storage\/overlay-containers\/.*\/shm\), under \/data\/podman\/storage on \/x exposes the engine's data root/);
});

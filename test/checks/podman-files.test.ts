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

  const refused: [string, string, RegExp][] = [
    ["another container's /dev/shm", `${storage}/overlay-containers/${other}/userdata/shm`, /exposes the engine's data root \(above the rootfs\); list the path in checks\.sensitiveMounts\.allow to allow it/],
    ["another container's secret", `${storage}/overlay-containers/${other}/userdata/secrets/mysec`, /exposes the engine's data root/],
    ['its own config.json', `${own}/config.json`, /exposes the engine's data root/],
    ['its own log', `${own}/ctr.log`, /exposes the engine's data root/],
    ["conmon's control fifo", `${own}/ctl`, /exposes the engine's data root/],
    ["conmon's attach socket", `${own}/attach`, /exposes the engine's data root/],
    ['its own userdata as a whole', own, /exposes the engine's data root/],
    ['every container', `${storage}/overlay-containers`, /exposes the engine's data root/],
    ['the image layers', `${storage}/overlay`, /exposes the engine's data root/],
    ['the image store', `${storage}/overlay-images`, /exposes the engine's data root/],
    ["Podman's database", `${storage}/libpod/bolt_state.db`, /exposes the engine's data root/],
    ['the storage root', storage, /exposes the engine's data root/],
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
  const { rootfs } = podmanCall(storages[0]!);
  const shm = `/var/lib/containers/storage/overlay-containers/${id}/userdata/shm`;
  // A bundle elsewhere (runc run by hand, containerd) says nothing of Podman.
  t.is(judge({ root: '/run/runc', bundle: '/tmp/bundle' }, withBind(rootfs, shm)).length, 1);
  // A bundle in another storage root than the rootfs's is not this container's userdata.
  t.is(judge({ root: '/run/runc', bundle: `/srv/other/overlay-containers/${id}/userdata` }, withBind(rootfs, shm)).length, 1);
});

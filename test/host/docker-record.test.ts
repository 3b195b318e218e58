import test from 'ava';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDockerRecord } from '../../src/host/docker-record.js';

const id = 'e'.repeat(64);
const mountId = 'f'.repeat(64);
const imageId = `sha256:${'a'.repeat(64)}`;

/** A data root laid out as dockerd 20.10 lays out overlay2, owned by root (the tests run as root). */
function dataRoot(t: { teardown(fn: () => void): void }): { root: string; rootfs: string; record: string; mountIdFile: string } {
  const root = join(mkdtempSync(join(tmpdir(), 'hardrun-docker-record-')), 'data');
  t.teardown(() => rmSync(join(root, '..'), { recursive: true, force: true }));
  const rootfs = join(root, 'overlay2', mountId, 'merged');
  mkdirSync(rootfs, { recursive: true });
  mkdirSync(join(root, 'containers', id), { recursive: true, mode: 0o710 });
  mkdirSync(join(root, 'image', 'overlay2', 'layerdb', 'mounts', id), { recursive: true });
  const record = join(root, 'containers', id, 'config.v2.json');
  writeFileSync(record, JSON.stringify({ ID: id, Driver: 'overlay2', Image: imageId, Config: { Image: 'nginx:1.25' } }), { mode: 0o600 });
  const mountIdFile = join(root, 'image', 'overlay2', 'layerdb', 'mounts', id, 'mount-id');
  writeFileSync(mountIdFile, mountId, { mode: 0o644 });
  return { root, rootfs, record, mountIdFile };
}

test('reads the image from the daemon\'s record, found from the rootfs path and the id', t => {
  const { rootfs, record } = dataRoot(t);
  t.deepEqual(readDockerRecord(rootfs, id), { found: true, reference: 'nginx:1.25', imageId, file: record });
});

test('a rootfs outside any Docker data root is no Docker container: no answer, no reason', t => {
  t.is(readDockerRecord('/var/lib/containerd/io.containerd.runtime.v2.task/k8s.io/x/rootfs', id), undefined);
  t.is(readDockerRecord('rootfs', id), undefined);
  t.is(readDockerRecord(`/srv/overlay2/${mountId}/merged/../../x`, id), undefined);
});

const untrusted: [string, (paths: ReturnType<typeof dataRoot>) => void, RegExp][] = [
  ['a record owned by another user', ({ record }) => chownSync(record, 1000, 1000), /owned by uid 1000, not root/],
  ['a group-writable record', ({ record }) => chmodSync(record, 0o620), /writable by others \(mode 620\)/],
  ['a directory of the path writable by others', ({ root }) => chmodSync(join(root, 'containers'), 0o777), /containers is writable by others/],
  ['a directory owned by another user', ({ root }) => chownSync(join(root, 'containers', id), 1000, 0), /owned by uid 1000/],
  ['a symlinked record', ({ record, root }) => {
    writeFileSync(join(root, 'elsewhere.json'), JSON.stringify({ ID: id, Driver: 'overlay2', Image: imageId, Config: { Image: 'trusted' } }), { mode: 0o600 });
    rmSync(record);
    symlinkSync(join(root, 'elsewhere.json'), record);
  }, /ELOOP|symbolic link/],
  ['a symlinked directory', ({ root }) => {
    const moved = join(root, 'containers-real');
    mkdirSync(moved);
    rmSync(join(root, 'containers'), { recursive: true });
    symlinkSync(moved, join(root, 'containers'));
  }, /is not a directory \(a symlink\?\)/],
  ['a record of another container', ({ record }) => writeFileSync(record, JSON.stringify({ ID: '0'.repeat(64), Driver: 'overlay2', Image: imageId, Config: { Image: 'x' } })), /is not the record of container/],
  ['a layer that is not the rootfs', ({ mountIdFile }) => writeFileSync(mountIdFile, '1'.repeat(64)), /names the layer 1+, not the rootfs/],
  ['a record that is not JSON', ({ record }) => writeFileSync(record, '{'), /cannot trust Docker's record/],
  ['no record', ({ record }) => rmSync(record), /ENOENT/],
];
for (const [what, spoil, reason] of untrusted) {
  test(`${what}: the image is unknown, with the reason`, t => {
    const paths = dataRoot(t);
    spoil(paths);
    const result = readDockerRecord(paths.rootfs, id);
    t.false(result?.found);
    t.regex((result as { reason: string }).reason, reason);
  });
}

test('an id that is not a Docker id is never made into a path', t => {
  const { rootfs } = dataRoot(t);
  t.like(readDockerRecord(rootfs, `../${id}`), { found: false });
  t.like(readDockerRecord(rootfs, 'abc'), { found: false });
});

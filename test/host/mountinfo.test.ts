import test from 'ava';
import { mountAt, overlayLayers } from '../../src/host/mountinfo.js';

const docker = [
  '22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw',
  '400 22 0:50 / /var/lib/docker/overlay2/abc/merged rw,relatime - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/L1:/var/lib/docker/overlay2/l/L2,upperdir=/var/lib/docker/overlay2/abc/diff,workdir=/var/lib/docker/overlay2/abc/work,nouserxattr',
].join('\n');

test('the overlay on a rootfs: its upper first, then its lowers in order', t => {
  const entry = mountAt(docker, '/var/lib/docker/overlay2/abc/merged');
  t.is(entry?.fsType, 'overlay');
  t.deepEqual(overlayLayers(entry!), { layers: ['/var/lib/docker/overlay2/abc/diff', '/var/lib/docker/overlay2/l/L1', '/var/lib/docker/overlay2/l/L2'] });
});

test('a plain directory is no mountpoint; a prefix of a mountpoint is not it', t => {
  t.is(mountAt(docker, '/srv/rootfs'), undefined);
  t.is(mountAt(docker, '/var/lib/docker/overlay2/abc'), undefined);
});

test("Docker's relative layers resolve against its driver's home", t => {
  const relative = '401 22 0:51 / /data/docker/overlay2/def/merged rw - overlay overlay rw,lowerdir=l/A:l/B,upperdir=def/diff,workdir=def/work';
  t.deepEqual(overlayLayers(mountAt(relative, '/data/docker/overlay2/def/merged')!), { layers: ['/data/docker/overlay2/def/diff', '/data/docker/overlay2/l/A', '/data/docker/overlay2/l/B'] });
});

test('escaped paths, lowerdir+ layers, and the last of two mounts on one path', t => {
  const text = [
    '402 22 0:52 / /run/with\\040space rw - tmpfs tmpfs rw',
    '403 22 0:53 / /run/with\\040space rw - overlay overlay rw,lowerdir+=/layers/a\\054b,lowerdir+=/layers/c,upperdir=/up',
  ].join('\n');
  const entry = mountAt(text, '/run/with space');
  t.is(entry?.fsType, 'overlay');
  t.deepEqual(overlayLayers(entry!), { layers: ['/up', '/layers/a,b', '/layers/c'] });
});

test('what hardrun does not rebuild is refused with the reason', t => {
  const metacopy = '404 22 0:54 / /m rw - overlay overlay rw,lowerdir=/a:/b,upperdir=/u,workdir=/w,metacopy=on';
  t.regex((overlayLayers(mountAt(metacopy, '/m')!) as { refused: string }).refused, /metacopy=on/);
});

import test from 'ava';
import { checkSensitiveMounts } from '../../src/checks/sensitive-mounts.js';
import { builtinChecks } from '../../src/policy/builtin.js';
import type { Mount, Spec } from '../../src/spec/types.js';
import { fakeHost } from '../helpers/fake-host.js';
import { minimalSpec, testOrigin } from '../helpers/specs.js';

/** Every mount is judged by what it shows, and the root filesystem too: binds, other types, block devices. */
const host = fakeHost({ '/var/run': '/run' }, [], [], {
  mountinfo: [
    '27 1 254:0 / / rw - ext4 /dev/vda rw',
    '29 27 0:25 / /run rw - tmpfs tmpfs rw',
    '50 27 254:0 /etc /var/lib/docker/volumes/vb/_data rw - ext4 /dev/vda rw',
    '52 27 0:44 / /var/lib/docker/volumes/vt/_data rw - tmpfs tmpfs rw',
    '53 27 0:45 / /var/lib/docker/volumes/vp/_data rw - proc proc rw',
    '60 27 0:50 / /var/lib/docker/overlay2/abc/merged rw - overlay overlay rw,lowerdir=l/A:l/B,upperdir=abc/diff,workdir=abc/work',
    '61 27 254:16 / /srv/disk rw - ext4 /dev/vdb rw',
    '62 27 254:0 /etc /srv/nest/x rw - ext4 /dev/vda rw',
    '63 27 0:60 / /srv/procnest/proc rw - proc proc rw',
  ],
  blockDevices: { '/dev/vda': '254:0', '/dev/vdb': '254:16', '/dev/vdc': '254:32' },
});
const context = { id: 'c1', host, origin: testOrigin };
const judge = (spec: Spec) => checkSensitiveMounts(spec, builtinChecks.sensitiveMounts, context);
const withMounts = (...mounts: Mount[]): Spec => ({ ...minimalSpec, mounts });
const bind = (source: string): Mount => ({ destination: '/e', type: 'bind', source, options: ['rbind'] });

const refused: [string, Spec, string, RegExp][] = [
  ['a volume that binds /etc', withMounts(bind('/var/lib/docker/volumes/vb/_data')), 'mounts[0].source',
    /^the volume vb \(\/var\/lib\/docker\/volumes\/vb\/_data\) on \/e is a mount of the host's \/etc \(ext4 \/dev\/vda, root \/etc\), which exposes the host; list \/etc in checks\.sensitiveMounts\.allow to allow it$/],
  ['a volume that is procfs', withMounts(bind('/var/lib/docker/volumes/vp/_data')), 'mounts[0].source', /^the volume vp .* on \/e is proc \(proc proc\), a filesystem of the kernel's own/],
  ['procfs at a second place', withMounts({ destination: '/x', type: 'proc', source: 'proc' }), 'mounts[0].source', /^the proc mount on \/x is a filesystem of the kernel's own away from its standard place/],
  ['sysfs at a second place', withMounts({ destination: '/host-sys', type: 'sysfs', source: 'sysfs' }), 'mounts[0].source', /the sysfs mount on \/host-sys/],
  ['debugfs anywhere', withMounts({ destination: '/sys/kernel/debug', type: 'debugfs', source: 'debugfs' }), 'mounts[0].source', /the debugfs mount/],
  ['an overlay whose lower layer is /etc', withMounts({ destination: '/o', type: 'overlay', source: 'overlay', options: ['lowerdir=/usr:/etc', 'upperdir=/srv/u', 'workdir=/srv/w'] }), 'mounts[0].options',
    /^the overlay on \/o names lowerdir \/etc, which exposes the host/],
  ['an overlay whose layer is a volume that binds /etc', withMounts({ destination: '/o', type: 'overlay', source: 'overlay', options: ['lowerdir=/var/lib/docker/volumes/vb/_data'] }), 'mounts[0].options',
    /names lowerdir \/var\/lib\/docker\/volumes\/vb\/_data, which is a mount of the host's \/etc/],
  ['the host\'s root disk as ext4', withMounts({ destination: '/d', type: 'ext4', source: '/dev/vda' }), 'mounts[0].source', /^the ext4 mount on \/d is of the block device \/dev\/vda, which the host mounts on \/: it exposes the host/],
  ['a disk no host mount shows', withMounts({ destination: '/d', type: 'ext4', source: '/dev/vdc' }), 'mounts[0].source', /block device \/dev\/vdc, which no host mount shows/],
  ['a recursive bind of a directory that holds a bind of /etc', withMounts({ destination: '/n', type: 'bind', source: '/srv/nest', options: ['rbind'] }), 'mounts[0].source',
    /^the bind mount of host path \/srv\/nest on \/n holds the mount on \/srv\/nest\/x, which is a mount of the host's \/etc/],
  ['a recursive bind of a directory that holds procfs', withMounts({ destination: '/n', type: 'bind', source: '/srv/procnest/', options: ['rbind'] }), 'mounts[0].source', /holds the mount on \/srv\/procnest\/proc, which is proc/],
  ['a root that is the host\'s /etc', { ...minimalSpec, root: { path: '/etc' } }, 'root.path', /^the root filesystem \/etc is the host's \/etc which exposes the host$/],
  ['a root that is the host\'s /', { ...minimalSpec, root: { path: '/' } }, 'root.path', /the root filesystem \/ is the host's \//],
  ['a root that is /run, a parent of the engine sockets', { ...minimalSpec, root: { path: '/var/run' } }, 'root.path', /the root filesystem \/var\/run is the host's \/run, a parent of \/run\/docker.sock/],
  ['a root in another container\'s staging', { ...minimalSpec, root: { path: '/run/hardrun/0123456789ab-other/rootfs' } }, 'root.path', /under \/run\/hardrun/],
  ['a root that is a volume binding /etc', { ...minimalSpec, root: { path: '/var/lib/docker/volumes/vb/_data' } }, 'root.path', /is the host's \/etc/],
  ['a root that is procfs', { ...minimalSpec, root: { path: '/var/lib/docker/volumes/vp/_data' } }, 'root.path', /the root filesystem \S+ is proc/],
];
for (const [name, spec, path, message] of refused) {
  test(`refused: ${name}`, t => {
    const violations = judge(spec);
    t.is(violations.length, 1, JSON.stringify(violations.map(violation => violation.message)));
    t.is(violations[0]?.path, path);
    t.regex(violations[0]?.message ?? '', message);
  });
}

const allowed: [string, Spec][] = [
  ['Docker\'s standard mounts', withMounts(
    { destination: '/proc', type: 'proc', source: 'proc' }, { destination: '/dev', type: 'tmpfs', source: 'tmpfs' },
    { destination: '/dev/pts', type: 'devpts', source: 'devpts' }, { destination: '/sys', type: 'sysfs', source: 'sysfs' },
    { destination: '/sys/fs/cgroup', type: 'cgroup', source: 'cgroup' }, { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue' },
  )],
  ['a tmpfs volume and a plain one', withMounts(bind('/var/lib/docker/volumes/vt/_data'), bind('/var/lib/docker/volumes/plain/_data'))],
  ['a plain (not recursive) bind of that directory: what is mounted below it stays behind', withMounts({ destination: '/n', type: 'bind', source: '/srv/nest', options: ['bind'] })],
  ['a disk the host shows at an ordinary place', withMounts({ destination: '/d', type: 'ext4', source: '/dev/vdb' })],
  ['an overlay of ordinary directories', withMounts({ destination: '/o', type: 'overlay', source: 'overlay', options: ['lowerdir=/srv/a:/srv/b', 'upperdir=/srv/u', 'workdir=/srv/w'] })],
  ['Docker\'s rootfs', { ...minimalSpec, root: { path: '/var/lib/docker/overlay2/abc/merged' } }],
  ['a bundle\'s plain rootfs', minimalSpec],
];
for (const [name, spec] of allowed) {
  test(`allowed: ${name}`, t => {
    t.deepEqual(judge(spec).map(violation => violation.message), []);
  });
}

test('a refused root cannot be hardened away: its fix refuses', t => {
  const [violation] = judge({ ...minimalSpec, root: { path: '/etc' } });
  t.throws(() => violation?.fix(minimalSpec), { message: /hardrun refused this container: the root filesystem \/etc .*cannot be hardened away/ });
});

import test from 'ava';
import fc from 'fast-check';
import { parseMountTable, visibleMountOf } from '../../src/host/mountinfo.js';
import { isMountedAtOrBelow, whatSourceShows, type SourceShows } from '../../src/checks/source-identity.js';

/** A host: its root disk 254:0 at /, /boot on 254:1, /run a tmpfs, and Docker's volumes as its local driver mounts them. */
const host = [
  '27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw',
  '28 27 254:1 / /boot rw - ext4 /dev/vda1 rw',
  '29 27 0:25 / /run rw,nosuid - tmpfs tmpfs rw',
  '30 27 0:5 / /proc rw - proc proc rw',
  '50 27 254:0 /etc /var/lib/docker/volumes/vb/_data rw - ext4 /dev/vda rw',
  '51 27 254:0 / /var/lib/docker/volumes/ve/_data rw - ext4 /dev/vda rw',
  '52 27 0:44 / /var/lib/docker/volumes/vt/_data rw - tmpfs tmpfs rw',
  '53 27 0:45 / /var/lib/docker/volumes/vp/_data rw - proc proc rw',
  '54 27 0:42 / /var/lib/docker/volumes/vo/_data rw - overlay overlay rw,lowerdir=/etc:/usr/with\\:colon,upperdir=/srv/up,workdir=/srv/work,uuid=on',
  '55 27 0:46 / /var/lib/docker/volumes/vr/_data rw - overlay overlay rw,lowerdir=etc,upperdir=/srv/up,workdir=/srv/work',
  '56 27 0:25 /docker /var/lib/docker/volumes/vrun/_data rw - tmpfs tmpfs rw',
  '57 27 254:1 /grub /var/lib/docker/volumes/vboot/_data rw - ext4 /dev/vda1 rw',
  '58 27 0:50 /etc\\040x /srv/with\\040space rw - ext4 /dev/vdb rw',
].join('\n');
const table = parseMountTable(host);
const shows = (path: string): SourceShows => whatSourceShows(path, table);
const pathsOf = (path: string): readonly string[] | undefined => { const found = shows(path); return found.kind === 'path' ? found.hostPaths : undefined; };

test('a path on the host\'s root mount is only itself, whatever is mounted elsewhere', t => {
  t.deepEqual(pathsOf('/srv/data'), ['/srv/data']);
  t.deepEqual(pathsOf('/var/lib/docker/volumes/plain/_data'), ['/var/lib/docker/volumes/plain/_data']);
  t.deepEqual(pathsOf('/'), ['/']);
});

test('a bind of /etc at a volume\'s place is /etc, and what lies below it too', t => {
  // The host's disk is at / and, whole, at volume ve: /etc shows at both.
  t.deepEqual(pathsOf('/var/lib/docker/volumes/vb/_data'), ['/var/lib/docker/volumes/vb/_data', '/etc', '/var/lib/docker/volumes/ve/_data/etc']);
  t.deepEqual(pathsOf('/var/lib/docker/volumes/vb/_data/ssh')?.slice(0, 2), ['/var/lib/docker/volumes/vb/_data/ssh', '/etc/ssh']);
});

test('the host\'s own disk mounted at a volume\'s place is /, and a part of /boot\'s disk is under /boot', t => {
  t.true(pathsOf('/var/lib/docker/volumes/ve/_data')?.includes('/'));
  t.deepEqual(pathsOf('/var/lib/docker/volumes/vboot/_data'), ['/var/lib/docker/volumes/vboot/_data', '/boot/grub']);
  t.deepEqual(pathsOf('/var/lib/docker/volumes/vrun/_data'), ['/var/lib/docker/volumes/vrun/_data', '/run/docker']);
});

test('a filesystem no other mount shows is only itself; escaped roots and mountpoints are read as the kernel means them', t => {
  t.deepEqual(pathsOf('/var/lib/docker/volumes/vt/_data'), ['/var/lib/docker/volumes/vt/_data']);
  t.deepEqual(pathsOf('/srv/with space/f'), ['/srv/with space/f']);
  t.is(visibleMountOf(table, '/srv/with space/f')?.root, '/etc x');
});

test('kernel filesystems are told by their type; overlays by their layers, escaped colons kept; relative layers cannot be told', t => {
  t.is(shows('/var/lib/docker/volumes/vp/_data').kind, 'kernel');
  t.is(shows('/proc/1/root').kind, 'kernel');
  const overlay = shows('/var/lib/docker/volumes/vo/_data/x');
  t.deepEqual(overlay.kind === 'overlay' ? overlay.layers : undefined, ['/srv/up', '/etc', '/usr/with:colon']);
  const relative = shows('/var/lib/docker/volumes/vr/_data');
  t.is(relative.kind, 'unknown');
  t.regex(relative.kind === 'unknown' ? relative.reason : '', /relative paths \(lowerdir=etc\)/);
});

test('a volume that is a mount of its own is told from an ordinary directory of the store', t => {
  t.true(isMountedAtOrBelow('/var/lib/docker/volumes/vb/_data', '/var/lib/docker/volumes/vb', table));
  t.false(isMountedAtOrBelow('/var/lib/docker/volumes/plain/_data', '/var/lib/docker/volumes/plain', table));
});

test('the mount a path shows is the topmost one: a mount hidden under a later one is not taken', t => {
  const stacked = parseMountTable([
    '1 0 254:0 / / rw - ext4 /dev/vda rw',
    '2 1 0:30 / /srv rw - tmpfs first rw',
    '3 2 0:31 / /srv/inner rw - tmpfs inner rw',
    '4 2 0:32 / /srv rw - tmpfs second rw',
  ].join('\n'));
  t.is(visibleMountOf(stacked, '/srv/inner/x')?.source, 'second', 'the second /srv hides the first and what was mounted in it');
  t.is(visibleMountOf(stacked, '/srv')?.source, 'second');
  t.is(visibleMountOf(stacked, '/etc')?.source, '/dev/vda');
});

test('a btrfs-like root that is a subvolume: a mount of the whole filesystem holds all of /', t => {
  const subvolumes = parseMountTable([
    '1 0 0:40 /@ / rw - btrfs /dev/vda2 rw,subvol=/@',
    '2 1 0:40 / /var/lib/docker/volumes/all/_data rw - btrfs /dev/vda2 rw,subvolid=5',
  ].join('\n'));
  const found = whatSourceShows('/var/lib/docker/volumes/all/_data', subvolumes);
  t.true(found.kind === 'path' && found.hostPaths.includes('/'));
});

// The lookup as it was written first, one search of the whole table per
// path component: the indexed lookup must find what this finds.
function visibleBySearch(table: ReturnType<typeof parseMountTable>, path: string): ReturnType<typeof visibleMountOf> {
  const last = (wanted: (mount: (typeof table.mounts)[number]) => boolean) => [...table.mounts].reverse().find(wanted);
  const top = (mount: (typeof table.mounts)[number] | undefined) => {
    let current = mount;
    for (let depth = 0; current !== undefined && depth < table.mounts.length; depth += 1) {
      const below = current;
      const stacked = last(other => other.parent === below.id && other.mountPoint === below.mountPoint);
      if (stacked === undefined) return current;
      current = stacked;
    }
    return current;
  };
  const ids = new Set(table.mounts.map(mount => mount.id));
  let current = top(table.mounts.find(mount => mount.mountPoint === '/' && !ids.has(mount.parent)) ?? table.mounts.find(mount => mount.mountPoint === '/'));
  if (current === undefined) return undefined;
  const parts = path.split('/').filter(Boolean);
  for (let length = 1; length <= parts.length; length += 1) {
    const prefix = `/${parts.slice(0, length).join('/')}`;
    const above = current;
    const child = last(mount => mount.parent === above.id && mount.mountPoint === prefix);
    if (child !== undefined) current = top(child) ?? child;
  }
  return current;
}

test('the mount a path shows is found as a search of the whole table finds it, whatever the table: stacks, hidden mounts, a root that is its own parent', t => {
  const points = ['/', '/srv', '/srv/a', '/srv/a/b', '/run', '/var/lib/docker', '/var/lib/docker/volumes/v/_data'];
  const line = fc.record({ parent: fc.nat(12), point: fc.constantFrom(...points) });
  fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), fc.constantFrom(...points, '/srv/a/b/c', '/var/lib/docker/volumes/v/_data/x'), (lines, path) => {
    const table = parseMountTable(lines.map(({ parent, point }, index) => `${index + 1} ${parent} 0:${index} / ${point} rw - tmpfs m${index + 1} rw`).join('\n'));
    t.is(visibleMountOf(table, path), visibleBySearch(table, path), `${path} in ${lines.map(({ parent, point }, index) => `${index + 1}<-${parent}:${point}`).join(' ')}`);
  }), { numRuns: 2000 });
});

test('a lookup reads the table once, however many mounts it has and however deep the path', t => {
  const lines = parseMountTable([host, ...Array.from({ length: 5000 }, (_, index) => `${1000 + index} 29 0:${100 + index} / /run/k/${index} rw - tmpfs tmpfs rw`)].join('\n')).mounts;
  let reads = 0;
  const counted = new Proxy(lines, { get: (target, key, receiver) => { if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1; return Reflect.get(target, key, receiver) as unknown; } });
  const table = { mounts: counted };
  t.is(visibleMountOf(table, '/var/lib/docker/volumes/vb/_data/a')?.root, '/etc');
  const first = reads;
  t.true(first <= 3 * lines.length, `the first lookup indexes the table: ${first} reads of ${lines.length} lines`);
  for (const path of ['/var/lib/docker/volumes/vb/_data/a/b/c', '/run/k/4999/x', '/srv', '/']) visibleMountOf(table, path);
  t.is(reads, first, 'later lookups read no line');
  t.is(visibleMountOf(table, '/run/k/4999/x')?.source, 'tmpfs');
});

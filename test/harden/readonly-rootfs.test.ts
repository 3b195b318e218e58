import test from 'ava';
import { readFileSync } from 'node:fs';
import { applyReadonlyRootfs } from '../../src/harden/readonly-rootfs.js';
import type { RootfsSettings } from '../../src/harden/settings.js';
import { defaultHardening } from '../../src/harden/units.js';
import type { HardenContext } from '../../src/harden/types.js';
import type { Mount, Spec } from '../../src/spec/types.js';

const fixture = (name: string): Spec => JSON.parse(readFileSync(new URL(`../../../test/fixtures/specs/${name}.json`, import.meta.url), 'utf8')) as Spec;
const settings = defaultHardening.rootfs;
const context: HardenContext = { backend: 'runc', arch: 'x64' };
const tmpfs = (destination: string, extra: string[] = []): Mount => ({
  destination,
  type: 'tmpfs',
  source: 'tmpfs',
  options: ['nosuid', 'nodev', ...extra, 'size=64m', 'mode=1777', 'tmpcopyup'],
});
const bind = (destination: string, options: string[]): Mount => ({ destination, type: 'bind', source: `/var/lib/docker/containers/c1${destination}`, options });

function harden(spec: Spec, rootfs: RootfsSettings = settings, at: HardenContext = context) {
  const before = structuredClone(spec);
  const result = applyReadonlyRootfs(spec, rootfs, at);
  if (JSON.stringify(spec) !== JSON.stringify(before)) throw new Error('input was mutated');
  const again = applyReadonlyRootfs(result.spec, rootfs, at);
  if (JSON.stringify(again.spec) !== JSON.stringify(result.spec) || again.findings.length > 0) throw new Error('not idempotent');
  return result;
}

test('a Docker config: read-only root, read-only per-container files, tmpfs on the writable paths', t => {
  const input = fixture('docker-default');
  const { spec, findings } = harden(input);
  t.deepEqual(spec.root, { ...input.root, readonly: true });
  const original = input.mounts!;
  t.deepEqual(spec.mounts, [
    ...original.slice(0, 7),
    ...original.slice(7).map(mount => ({ ...mount, options: ['rbind', 'rprivate', 'ro'] })),
    tmpfs('/tmp'),
    tmpfs('/run'),
    tmpfs('/var/tmp'),
  ]);
  t.deepEqual(findings.map(f => f.path), ['root.readonly', 'mounts[7].options', 'mounts[8].options', 'mounts[9].options', 'mounts', 'mounts', 'mounts']);
  t.regex(findings[1]!.message, /made the bind mount at \/etc\/resolv.conf read-only.*hardening.rootfs.readonlyBindMounts/);
  t.regex(findings[4]!.message, /mounted a 64m tmpfs at \/tmp.*hardening.rootfs.writablePaths/);
});

const table: { title: string; mounts: Mount[] | undefined; settings?: RootfsSettings; expected: Mount[] | undefined }[] = [
  {
    title: '"rw" on a per-container file becomes "ro"',
    mounts: [bind('/etc/hosts', ['rbind', 'rw']), bind('/etc/hostname', ['ro', 'rbind'])],
    settings: { ...settings, writablePaths: [] },
    expected: [bind('/etc/hosts', ['rbind', 'ro']), bind('/etc/hostname', ['ro', 'rbind'])],
  },
  {
    title: 'other bind mounts keep their mode',
    mounts: [bind('/data', ['rbind', 'rw']), { destination: '/etc/hosts', type: 'tmpfs', source: 'tmpfs' }],
    settings: { ...settings, writablePaths: [] },
    expected: [bind('/data', ['rbind', 'rw']), { destination: '/etc/hosts', type: 'tmpfs', source: 'tmpfs' }],
  },
  {
    title: 'a path the spec already mounts (docker --tmpfs /tmp, a volume on /var) gets nothing more',
    mounts: [{ destination: '/tmp/', type: 'tmpfs', source: 'tmpfs', options: ['rw'] }, bind('/var', ['rbind'])],
    expected: [{ destination: '/tmp/', type: 'tmpfs', source: 'tmpfs', options: ['rw'] }, bind('/var', ['rbind']), tmpfs('/run')],
  },
  {
    title: 'the tmpfs goes before mounts below it, so it does not hide them',
    mounts: [bind('/run/secrets/kubernetes.io/serviceaccount', ['rbind', 'ro']), bind('/data', ['rbind'])],
    settings: { ...settings, writablePaths: ['/run'] },
    expected: [tmpfs('/run'), bind('/run/secrets/kubernetes.io/serviceaccount', ['rbind', 'ro']), bind('/data', ['rbind'])],
  },
  {
    title: 'noexec and the size follow the settings',
    mounts: [],
    settings: { ...settings, writablePaths: ['/scratch'], noexec: true, tmpfsSize: '8m' },
    expected: [{ destination: '/scratch', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'nodev', 'noexec', 'size=8m', 'mode=1777', 'tmpcopyup'] }],
  },
  {
    title: 'a spec without mounts gets the tmpfs mounts',
    mounts: undefined,
    expected: [tmpfs('/tmp'), tmpfs('/run'), tmpfs('/var/tmp')],
  },
  {
    title: 'no writable paths and no mounts: mounts stay absent',
    mounts: undefined,
    settings: { ...settings, writablePaths: [] },
    expected: undefined,
  },
];

for (const row of table) {
  test(row.title, t => {
    const input: Spec = { root: { path: 'rootfs' }, ...(row.mounts === undefined ? {} : { mounts: row.mounts }) };
    const { spec } = harden(input, row.settings);
    t.deepEqual(spec.mounts, row.expected);
    t.true(spec.root!.readonly);
  });
}

test('a read-only root and covered paths: the same object, no findings', t => {
  const input: Spec = { root: { path: 'rootfs', readonly: true }, mounts: [tmpfs('/tmp'), tmpfs('/run'), tmpfs('/var/tmp')] };
  const result = applyReadonlyRootfs(input, settings, context);
  t.is(result.spec, input);
  t.deepEqual(result.findings, []);
});

test('unknown fields of the spec, root and mounts survive', t => {
  const input: Spec = {
    root: { path: 'rootfs', extra: 1 },
    mounts: [{ ...bind('/etc/hosts', ['rbind']), uidMappings: [] }],
    vendorField: { a: [1] },
  };
  const { spec } = harden(input);
  t.deepEqual(spec.root, { path: 'rootfs', extra: 1, readonly: true });
  t.deepEqual(spec.mounts![0], { ...bind('/etc/hosts', ['rbind', 'ro']), uidMappings: [] });
  t.deepEqual(spec['vendorField'], { a: [1] });
});

/** An image's symlinks, as the host's resolveInRootfs would follow them. */
const linking = (links: Record<string, string>): HardenContext => ({
  ...context,
  resolveDestination: path => {
    for (const [from, to] of Object.entries(links)) if (path === from || path.startsWith(`${from}/`)) return `${to}${path.slice(from.length)}`;
    return path;
  },
});
const volume = (destination: string): Mount => ({ destination, type: 'bind', source: '/var/lib/docker/volumes/pg/_data', options: ['rbind'] });

test('a volume at /var/run/postgresql, the image linking /var/run to /run: the /run tmpfs comes before it', t => {
  const input: Spec = { root: { path: 'rootfs' }, mounts: [volume('/var/run/postgresql')] };
  const { spec, findings } = harden(input, settings, linking({ '/var/run': '/run' }));
  t.deepEqual(spec.mounts, [tmpfs('/run'), volume('/var/run/postgresql'), tmpfs('/tmp'), tmpfs('/var/tmp')]);
  t.true(findings.some(finding => /tmpfs at \/run, so programs/.test(finding.message)));
  // As written, the same spec hid the volume: the tmpfs came last.
  const blind = harden(input).spec.mounts!;
  t.is(blind.findIndex(mount => mount.destination === '/run') > blind.findIndex(mount => mount.destination === '/var/run/postgresql'), true);
});

test('a mount at /var/run, the image linking it to /run, covers /run: no tmpfs there', t => {
  const input: Spec = { root: { path: 'rootfs' }, mounts: [volume('/var/run')] };
  const { spec } = harden(input, settings, linking({ '/var/run': '/run' }));
  t.deepEqual(spec.mounts, [volume('/var/run'), tmpfs('/tmp'), tmpfs('/var/tmp')]);
});

test('a writable path that links to another is covered by that one\'s tmpfs', t => {
  const { spec, findings } = harden({ root: { path: 'rootfs' } }, settings, linking({ '/var/tmp': '/tmp' }));
  t.deepEqual(spec.mounts, [tmpfs('/tmp'), tmpfs('/run')]);
  t.is(findings.filter(finding => finding.path === 'mounts').length, 2);
});

test('a writable path linking beneath another writable path gets its own tmpfs, after that one', t => {
  const { spec } = harden({ root: { path: 'rootfs' } }, settings, linking({ '/var/tmp': '/tmp/elsewhere' }));
  t.deepEqual(spec.mounts, [tmpfs('/tmp'), tmpfs('/run'), tmpfs('/var/tmp')]);
});

test('a writable path that is itself a link says where it lands', t => {
  const { spec, findings } = harden({ root: { path: 'rootfs' }, mounts: [volume('/run/lock/x')] }, { ...settings, writablePaths: ['/var/lock'] }, linking({ '/var/lock': '/run/lock' }));
  t.deepEqual(spec.mounts, [tmpfs('/var/lock'), volume('/run/lock/x')]);
  t.regex(findings.find(finding => finding.path === 'mounts')!.message, /tmpfs at \/var\/lock \(\/run\/lock in the image\)/);
});

import test from 'ava';
import { join } from 'node:path';
import { builtinPolicy } from '../../src/policy/builtin.js';
import { aggregate, type ImageSummary } from '../../src/human/report/aggregate.js';
import { readAuditLogs } from '../../src/human/report/read-logs.js';

/** The recorded audit lines of two hosts (test/fixtures/audit), as a fleet's logs gathered in one directory. */
const fixtures = join(process.cwd(), 'test/fixtures/audit');
const base = { writablePaths: builtinPolicy.hardening.rootfs.writablePaths, allow: builtinPolicy.hardening.capabilities.allow, never: builtinPolicy.hardening.capabilities.never };

async function reportOf(...inputs: string[]) {
  const read = await readAuditLogs(inputs);
  return aggregate(read.lines, base, read.skipped);
}

function image(report: { images: readonly ImageSummary[] }, name: string): ImageSummary {
  const found = report.images.find(summary => summary.image === name);
  if (found === undefined) throw new Error(`no ${name} in ${report.images.map(summary => summary.image).join(', ')}`);
  return found;
}

test('two hosts, same image, different findings: one rule per image, what either needs, both hosts counted', async t => {
  const report = await reportOf(join(fixtures, 'host-a.jsonl'), join(fixtures, 'host-b.jsonl'));
  const nginx = image(report, 'docker.io/library/nginx:latest');
  t.is(nginx.containers, 2);
  t.deepEqual(nginx.hosts, ['web-1', 'web-2']);
  t.is(nginx.learned, 2);
  // web-1's /var/lib/nginx covers web-2's /var/lib/nginx/body; web-2's /tmp/x is writable already.
  t.deepEqual(nginx.needs.writablePaths, ['/var/cache/nginx', '/var/lib/nginx']);
  // NET_BIND_SERVICE is in the built-in allowlist; SYS_RESOURCE is never granted under runc, so no rule adds it.
  t.deepEqual(nginx.needs.capabilities, []);
  t.deepEqual(nginx.needs.neverGranted, ['CAP_SYS_RESOURCE']);
  t.deepEqual(nginx.changedBy.map(count => [count.what, count.containers]), [['rootfs', 2], ['capabilities', 1]]);
});

test('a directory of logs reads as the files in it; lines that are no record are counted, not believed', async t => {
  const report = await reportOf(fixtures);
  t.is(report.skipped, 1);
  t.is(report.records, 9);
  t.deepEqual(report.images.map(summary => summary.image), ['docker.io/library/busybox:latest', 'docker.io/library/nginx:latest', 'docker.io/library/sshd:1', 'unknown']);
});

test('an image whose containers a check would refuse says by what; one the built-in policy leaves alone is unchanged', async t => {
  const busybox = image(await reportOf(fixtures), 'docker.io/library/busybox:latest');
  t.is(busybox.containers, 2);
  t.is(busybox.unchanged, 1);
  t.is(busybox.learned, 0);
  t.deepEqual(busybox.refusedBy, [{ what: 'extraCapabilities: the container asks for CAP_NET_ADMIN (--cap-add) beyond hardening.capabilities.allow', containers: 1 }]);
});

test('a capability refused to a learned container is its need, with the program that asked', async t => {
  const sshd = image(await reportOf(fixtures), 'docker.io/library/sshd:1');
  t.deepEqual(sshd.needs.capabilities, ['CAP_SYS_CHROOT']);
  t.deepEqual(sshd.programs, { CAP_SYS_CHROOT: ['sshd'] });
  t.is(sshd.match, 'docker.io/library/sshd:1');
});

test('an unknown image is gathered apart, and no rule can name it', async t => {
  const unknown = image(await reportOf(fixtures), 'unknown');
  t.is(unknown.match, undefined);
  t.true(unknown.notes.some(note => /not in a Docker data root/.test(note)));
});

test('a container learned from more than once (a restart) counts once, its needs merged', t => {
  const imageField = { known: true, recorded: 'x', repository: 'docker.io/library/x', tag: 'latest', digests: [], source: 'test' };
  const lines = [
    { event: 'learned', host: 'h', id: 'c', image: imageField, wrote: ['/srv/a'], refused: [] },
    { event: 'learned', host: 'h', id: 'c', image: imageField, wrote: ['/srv/b'], refused: [{ capability: 'CAP_SYS_CHROOT', programs: ['p'] }] },
  ];
  const x = image(aggregate(lines, base), 'docker.io/library/x:latest');
  t.is(x.containers, 1);
  t.is(x.learned, 1);
  t.deepEqual(x.needs.writablePaths, ['/srv/a', '/srv/b']);
  t.deepEqual(x.needs.capabilities, ['CAP_SYS_CHROOT']);
});

test('hostile fields are not believed: a pattern for an image, a relative path, a made-up capability', t => {
  const lines = [
    { event: 'learned', host: 'h', id: 'c', image: { known: true, repository: 'docker.io/library/*', tag: 'latest', digests: [] }, wrote: ['relative', '/ok'], refused: [{ capability: 'CAP_X]\n- evil', programs: [] }] },
  ];
  const [only] = aggregate(lines, base).images;
  t.is(only?.image, 'unknown');
  t.is(only?.match, undefined);
  t.deepEqual(only?.needs.writablePaths, ['/ok']);
  t.deepEqual(only?.needs.capabilities, []);
});

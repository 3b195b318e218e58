import test from 'ava';
import { execa } from 'execa';
import { existsSync, mkdtempSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refusedPrefix, rootDisk } from '../fixtures/escapes/corpus.js';
import { dockerSuite } from '../helpers/docker-suite.js';
import { policyLauncher } from '../helpers/hardrun-docker.js';
import { launcherPath } from '../helpers/shipped.js';

/**
 * A mount is judged by what the kernel mounts, not by the path it comes
 * from: an attacker with only the Docker API (no --runtime, no
 * --privileged, no host path in -v) asks Docker's local volume driver to
 * mount a host path, the host's disk, a kernel filesystem or an overlay of
 * host directories at an innocent `<data-root>/volumes/<name>/_data`.
 * hardrun is the daemon's default runtime under the built-in policy; each
 * is refused with a sentence that says what the volume shows, and nothing
 * reaches the host. Volumes that show nothing of the host still run, with
 * their owners as on disk, as under runc.
 */
const scratch = mkdtempSync(join(tmpdir(), 'hardrun-volumes-'));
const probe = `probe-${process.pid}`;
const auditLog = join(scratch, 'audit.jsonl');
const suite = dockerSuite(test, async cleanup => {
  cleanup(() => rm(scratch, { recursive: true, force: true }));
  // The same judgement, only recorded: a rule-free policy with the check in audit mode.
  const audited = await policyLauncher({ audit: { file: auditLog }, checks: { sensitiveMounts: { mode: 'audit' } } });
  cleanup(audited.remove);
  await chmod(scratch, 0o711);
  await mkdir(join(scratch, 'upper'));
  await mkdir(join(scratch, 'work'));
  await mkdir(join(scratch, 'data'));
  await writeFile(join(scratch, 'data', 'kept'), 'x\n');
  // The host's root disk, by its numbers: the kernel mounts the device, whatever the node is called.
  const disk = rootDisk();
  await execa('mknod', [join(scratch, 'disk'), 'b', String(disk.major), String(disk.minor)]);
  return { runtimes: { hardrun: { path: launcherPath }, 'hardrun-audit': { path: audited.path } }, defaultRuntime: 'hardrun' };
});

/** A --mount of a local volume with these driver options (an option holding a comma is quoted, as Docker's CSV wants). */
const docker = (args: string[]) => suite.docker(args);

const volume = (...options: string[]): string[] => ['--mount', ['type=volume', 'dst=/e', ...options.map(option => (option.includes(',') ? `"volume-opt=${option}"` : `volume-opt=${option}`))].join(',')];

const refusals: [string, string[], RegExp][] = [
  ['a bind of the host\'s /etc', volume('type=none', 'o=bind', 'device=/etc'), /the volume \S+ \(\S+\/volumes\/\S+\/_data\) on \/e is a mount of the host's \/etc \(ext4 \S+, root \/etc\), which exposes the host; list \/etc in checks\.sensitiveMounts\.allow to allow it/],
  ['a bind of the host\'s /', volume('type=none', 'o=bind', 'device=/'), /on \/e is a mount of the host's \/ \(/],
  ['a bind of /run, a parent of the engine sockets', volume('type=none', 'o=bind', 'device=/run'), /on \/e is a mount of the host's \/run, a parent of \/run\/\S+ \(/],
  ['the host\'s own disk as ext4', volume('type=ext4', `device=${join(scratch, 'disk')}`), /on \/e is a mount of the host's \/ \(ext4/],
  ['procfs', volume('type=proc', 'device=proc'), /on \/e is proc \(proc proc\), a filesystem of the kernel's own/],
  ['sysfs', volume('type=sysfs', 'device=sysfs'), /on \/e is sysfs \(sysfs sysfs\), a filesystem of the kernel's own/],
  ['an overlay of host directories', volume('type=overlay', 'device=overlay', `o=lowerdir=/etc:/usr,upperdir=${join(scratch, 'upper')},workdir=${join(scratch, 'work')}`), /on \/e is an overlay whose layer \/etc exposes the host/],
];

for (const [name, flags, sentence] of refusals) {
  test(`a local volume that is ${name} is refused, and the container never runs`, async t => {
    const result = await docker(['run', '--rm', ...flags, 'busybox', 'sh', '-c', `echo x > /e/${probe}; echo ran`]);
    t.not(result.exitCode, 0);
    t.regex(result.stderr, refusedPrefix);
    t.regex(result.stderr, sentence);
    t.notRegex(result.stdout, /ran/);
    t.false(existsSync(`/etc/${probe}`) || existsSync(`/${probe}`) || existsSync(`/run/${probe}`), 'nothing was written on the host');
  });
}

test('a bind of a host directory that holds a mount of /etc is refused: a recursive bind carries it along', async t => {
  const nest = join(scratch, 'nest');
  await mkdir(join(nest, 'x'), { recursive: true });
  await execa('mount', ['--bind', '/etc', join(nest, 'x')]);
  try {
    const result = await docker(['run', '--rm', '-v', `${nest}:/n`, 'busybox', 'sh', '-c', `touch /n/x/${probe}; echo ran`]);
    t.not(result.exitCode, 0);
    t.regex(result.stderr, /the bind mount of host path \S+\/nest on \/n holds the mount on \S+\/nest\/x, which is a mount of the host's \/etc/);
    t.false(existsSync(`/etc/${probe}`));
  } finally {
    await execa('umount', [join(nest, 'x')]);
  }
});

test('in audit mode the same volume runs, and the audit record holds the same sentence', async t => {
  const result = await docker(['run', '--rm', '--runtime=hardrun-audit', ...volume('type=none', 'o=bind', 'device=/etc'), 'busybox', 'true']);
  t.is(result.exitCode, 0, result.stderr);
  const records = (await readFile(auditLog, 'utf8')).trim().split('\n').map(line => JSON.parse(line) as { checks?: { check: string; message: string; mode: string }[] });
  const messages = records.flatMap(record => record.checks ?? []).filter(check => check.check === 'sensitiveMounts' && check.mode === 'audit').map(check => check.message);
  t.true(messages.some(message => /the volume \S+ \(\S+\) on \/e is a mount of the host's \/etc/.test(message)), JSON.stringify(records));
});

test.after.always(async () => {
  for (const path of [`/etc/${probe}`, `/${probe}`, `/run/${probe}`]) await rm(path, { force: true });
});

/** Writes as container root, chowns to 100, and prints the owner it sees and the uid_map. */
const write = 'echo x > /e/f && chown 100 /e/f && stat -c "%u %n" /e/f && grep -c . /proc/self/uid_map >/dev/null && cat /proc/self/uid_map';

test('a plain named volume runs, idmapped by its place: container root writes there as uid 0 on disk, chown 100 gives 100', async t => {
  const result = await docker(['run', '--rm', '-v', 'plain:/e', 'busybox', 'sh', '-c', `echo x > /e/root-owned && ${write}`]);
  t.is(result.exitCode, 0, result.stderr);
  t.regex(result.stdout, /^100 \/e\/f\n\s+0\s+[1-9]\d+\s+65536$/);
  const place = (await docker(['volume', 'inspect', '-f', '{{.Mountpoint}}', 'plain'])).stdout.trim();
  t.is((await stat(join(place, 'root-owned'))).uid, 0);
  t.is((await stat(join(place, 'f'))).uid, 100);
});

test('a tmpfs volume, a filesystem of its own, runs with its owners', async t => {
  const result = await docker(['run', '--rm', ...volume('type=tmpfs', 'device=tmpfs'), 'busybox', 'sh', '-c', write]);
  t.is(result.exitCode, 0, result.stderr);
  t.regex(result.stdout, /^100 \/e\/f\n\s+0\s+[1-9]\d+\s+65536$/, 'the mapped root is not the host root, and owns what it wrote');
});

test('a bind volume of an ordinary host directory runs as a bind of it would: the file it writes is owned on the host as under runc', async t => {
  const data = join(scratch, 'data');
  const result = await docker(['run', '--rm', ...volume('type=none', 'o=bind', `device=${data}`), 'busybox', 'sh', '-c', `stat -c %u /e/kept && ${write}`]);
  t.is(result.exitCode, 0, result.stderr);
  t.regex(result.stdout, /^0\n100 \/e\/f\n/, 'the host file owned by root shows as root');
  t.is((await stat(join(data, 'f'))).uid, 100);
});

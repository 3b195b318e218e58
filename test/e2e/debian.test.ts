import test from 'ava';
import { execa } from 'execa';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerSuite } from '../helpers/docker-suite.js';
import { dockerBin } from '../helpers/dockerd.js';
import { launcherPath } from '../helpers/shipped.js';

/**
 * A realistic root filesystem (Debian's own, made by
 * debootstrap from Debian's packages) runs ordinary programs under the
 * built-in policy: read-only root, user namespace and all.
 */
let tarball = '';
const suite = dockerSuite(test, async cleanup => {
  const scratch = await mkdtemp(join(tmpdir(), 'hardrun-debian-'));
  cleanup(() => rm(scratch, { recursive: true, force: true }));
  const sources = await readFile('/etc/apt/sources.list.d/debian.sources', 'utf8').catch(() => '');
  const mirror = /^URIs:\s*(\S+)/m.exec(sources)?.[1] ?? 'http://deb.debian.org/debian';
  await execa('debootstrap', ['--variant=minbase', 'bookworm', join(scratch, 'rootfs'), mirror], { timeout: 600_000 });
  tarball = join(scratch, 'rootfs.tar');
  await execa('tar', ['-C', join(scratch, 'rootfs'), '-cf', tarball, '.']);
  return { runtimes: { hardrun: { path: launcherPath } } };
}, {
  busybox: false,
  ready: async daemon => {
    await execa(dockerBin, ['-H', `unix://${daemon.sock}`, 'import', tarball, 'debian:hardrun-test'], { timeout: 300_000 });
  },
});
const hardrun = (args: string[]) => suite.docker(['run', '--rm', '--runtime=hardrun', 'debian:hardrun-test', ...args], { timeout: 120_000 });

test('a shell script writes to /tmp and reads it back', async t => {
  const result = await hardrun(['sh', '-c', 'set -e; echo "written by $(id -un)" > /tmp/note; cat /tmp/note; ! touch /etc/should-fail 2>/dev/null']);
  t.is(result.exitCode, 0, result.stderr);
  t.is(result.stdout, 'written by root');
});

test('apt-get runs', async t => {
  const result = await hardrun(['apt-get', '--version']);
  t.is(result.exitCode, 0, result.stderr);
  t.regex(result.stdout, /^apt \d+\.\d+/);
});

test('a program reads /etc/passwd and resolves its uid, inside the user namespace', async t => {
  const result = await hardrun(['sh', '-c', 'getent passwd "$(id -u)" | cut -d: -f1; whoami; cat /proc/self/uid_map']);
  t.is(result.exitCode, 0, result.stderr);
  const [entry, whoami, map] = result.stdout.split('\n');
  t.is(entry, 'root');
  t.is(whoami, 'root');
  t.regex(map ?? '', /^\s*0\s+[1-9]\d*\s+\d+$/, 'container root is not mapped away from host root');
});

test("the image's files keep their owners inside the user namespace: root's are root's, a service user's are its own", async t => {
  const result = await hardrun(['sh', '-c', 'stat -c "%U %a" /etc/passwd; head -1 /etc/passwd; stat -c "%U:%G" /etc/shadow; head -c 5 /etc/shadow; echo; stat -c "%u" /var/mail 2>/dev/null || true']);
  t.is(result.exitCode, 0, result.stderr);
  const [passwd, first, shadowOwner, shadow] = result.stdout.split('\n');
  t.deepEqual([passwd, first], ['root 644', 'root:x:0:0:root:/root:/bin/bash']);
  t.is(shadowOwner, 'root:shadow', 'a file of another image group keeps that group');
  t.is(shadow, 'root:', 'container root reads its 0640 /etc/shadow, as under runc');
});

import test from 'ava';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refuseLinkedDevices } from '../../src/bundle/device-links.js';

async function rootfsWith(t: import('ava').ExecutionContext, make: (rootfs: string) => Promise<void>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-devlinks-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const rootfs = join(dir, 'rootfs');
  await mkdir(rootfs);
  await make(rootfs);
  return rootfs;
}

const refused: [string, (rootfs: string) => Promise<void>, RegExp][] = [
  ['/dev itself', rootfs => symlink('/proc/sys/kernel', join(rootfs, 'dev')), /the image's \/dev is a symlink \(to \/proc\/sys\/kernel\)/],
  ['/dev/null (CVE-2025-31133)', async rootfs => { await mkdir(join(rootfs, 'dev')); await symlink('/proc/sys/kernel/core_pattern', join(rootfs, 'dev/null')); }, /the image's \/dev\/null is a symlink \(to \/proc\/sys\/kernel\/core_pattern\)/],
  ['/dev/console (CVE-2025-52565)', async rootfs => { await mkdir(join(rootfs, 'dev')); await symlink('/proc/sysrq-trigger', join(rootfs, 'dev/console')); }, /\/dev\/console is a symlink/],
  ['/dev/pts', async rootfs => { await mkdir(join(rootfs, 'dev')); await symlink('../proc', join(rootfs, 'dev/pts')); }, /\/dev\/pts is a symlink/],
  ['/dev/ptmx', async rootfs => { await mkdir(join(rootfs, 'dev')); await symlink('/proc/sysrq-trigger', join(rootfs, 'dev/ptmx')); }, /\/dev\/ptmx is a symlink/],
  ['/dev/ptmx, even to pts/ptmx when /dev/pts is a symlink', async rootfs => { await mkdir(join(rootfs, 'dev')); await symlink('pts/ptmx', join(rootfs, 'dev/ptmx')); await symlink('/proc/sys', join(rootfs, 'dev/pts')); }, /\/dev\/pts is a symlink/],
  ['a dangling /dev/null', async rootfs => { await mkdir(join(rootfs, 'dev')); await symlink('/nowhere', join(rootfs, 'dev/null')); }, /\/dev\/null is a symlink \(to \/nowhere\)/],
];
for (const [title, make, message] of refused) {
  test(`refused under runc: a symlinked ${title}`, async t => {
    const rootfs = await rootfsWith(t, make);
    const error = t.throws(() => refuseLinkedDevices(rootfs, 'runc'));
    t.regex(error.message, message);
    t.regex(error.message, /^hardrun refused this container: .*; an image whose \/dev, \/dev\/null, \/dev\/pts, \/dev\/console and \/dev\/ptmx are no symlinks runs$/);
    t.notThrows(() => refuseLinkedDevices(rootfs, 'runsc'), 'gVisor sets /dev up in its own kernel');
  });
}

test('ordinary images run: no /dev, an empty one, device files and other links in it', async t => {
  t.notThrows(() => refuseLinkedDevices(t.title, 'runc'), 'a rootfs that does not exist is the backend\'s to report');
  for (const make of [
    async () => {},
    async (rootfs: string) => mkdir(join(rootfs, 'dev')),
    async (rootfs: string) => { await mkdir(join(rootfs, 'dev/pts'), { recursive: true }); await writeFile(join(rootfs, 'dev/null'), ''); await symlink('/proc/self/fd', join(rootfs, 'dev/fd')); await symlink('/proc/self/fd/0', join(rootfs, 'dev/stdin')); },
    async (rootfs: string) => writeFile(join(rootfs, 'dev'), ''),
    // runc's own layout, and debootstrap's where it cannot mknod.
    async (rootfs: string) => { await mkdir(join(rootfs, 'dev/pts'), { recursive: true }); await symlink('pts/ptmx', join(rootfs, 'dev/ptmx')); },
  ]) {
    const rootfs = await rootfsWith(t, make);
    t.notThrows(() => refuseLinkedDevices(rootfs, 'runc'));
  }
});

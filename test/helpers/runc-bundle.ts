import type { ExecutionContext } from 'ava';
import { execa } from 'execa';
import { chmod, chown, copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from './dockerd.js';

/** Bundles for the real runc, driven through hardrun without a daemon. */
export const runc = findExecutable('runc', ['/usr/sbin', '/usr/bin']) ?? 'runc';

/** A temporary directory the test removes when it ends, however it ends. */
export async function scratch(t: ExecutionContext, prefix = 'hardrun-own-runc-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A busybox root with a service user's 0700 directory. */
export async function makeRootfs(rootfs: string): Promise<void> {
  const busybox = findExecutable('busybox', ['/bin', '/usr/bin']);
  if (busybox === undefined) throw new Error('busybox not found: install busybox-static');
  for (const sub of ['bin', 'etc', 'proc', 'sys', 'dev', 'tmp', 'srv/svc']) await mkdir(join(rootfs, sub), { recursive: true });
  await copyFile(busybox, join(rootfs, 'bin', 'busybox'));
  await chmod(join(rootfs, 'bin', 'busybox'), 0o755);
  for (const applet of ['sh', 'stat', 'cat', 'id', 'echo', 'touch', 'grep']) await symlink('busybox', join(rootfs, 'bin', applet));
  await writeFile(join(rootfs, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\nsvc:x:1000:1000::/srv/svc:/bin/sh\n');
  await writeFile(join(rootfs, 'srv', 'svc', 'key'), 'secret\n');
  await chown(join(rootfs, 'srv', 'svc', 'key'), 1000, 1000);
  await chown(join(rootfs, 'srv', 'svc'), 1000, 1000);
  await chmod(join(rootfs, 'srv', 'svc'), 0o700);
}

/** runc's own default spec, running `args` without a terminal from `rootPath`. */
export async function makeBundle(bundle: string, args: string[], rootPath = 'rootfs'): Promise<void> {
  await mkdir(bundle, { recursive: true });
  await execa(runc, ['spec', '--bundle', bundle]);
  const spec = JSON.parse(await readFile(join(bundle, 'config.json'), 'utf8')) as { process: { args: string[]; terminal: boolean }; root: { path: string } };
  spec.process.args = args;
  spec.process.terminal = false;
  spec.root.path = rootPath;
  await writeFile(join(bundle, 'config.json'), JSON.stringify(spec));
}

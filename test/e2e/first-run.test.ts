import test, { type ExecutionContext } from 'ava';
import { execa } from 'execa';
import { join } from 'node:path';
import { makeBundle, makeRootfs, scratch } from '../helpers/runc-bundle.js';
import { launcherPath } from '../helpers/shipped.js';

/**
 * A host hardrun never touched: every host after a boot, where /run is a
 * new tmpfs. Each case runs in a mount namespace of its own whose /run is
 * an empty tmpfs, so it is hardrun's first call there whatever this
 * machine's /run/hardrun holds, with the umask of a hardened host (0077),
 * through the real runc: the container's mapped root must reach its root
 * staged in /run/hardrun.
 */
const probe = ['sh', '-c', 'stat -c "%u:%g %n" /etc/passwd /srv/svc; cat /proc/self/uid_map; touch /x 2>/dev/null || echo root-ro'];

async function firstRun(t: ExecutionContext, before: string): Promise<string[]> {
  const dir = await scratch(t, 'hardrun-first-run-');
  const bundle = join(dir, 'bundle');
  await makeRootfs(join(bundle, 'rootfs'));
  await makeBundle(bundle, probe);
  const script = `mount -t tmpfs -o mode=755 tmpfs /run && ${before} umask 077 && "$0" --root "$1" run --bundle "$2" first && stat -c "%a %n" /run/hardrun /run/hardrun/ids`;
  const result = await execa('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, launcherPath, join(dir, 'state'), bundle], { reject: false, stdin: 'ignore' });
  t.is(result.exitCode, 0, `${result.stdout}\n${result.stderr}`);
  return result.stdout.trim().split('\n');
}

function assertHardenedWithOwners(t: ExecutionContext, lines: string[]): void {
  t.deepEqual(lines.slice(0, 2), ['0:0 /etc/passwd', '1000:1000 /srv/svc'], 'image files keep their owners');
  t.regex(lines[2] ?? '', /^\s*0\s+[1-9]\d+\s+65536$/, 'container root is an unprivileged host range');
  t.is(lines[3], 'root-ro');
}

test('an empty /run and umask 0077: the first hardened container starts, and /run/hardrun is made traversable, its claims private', async t => {
  const lines = await firstRun(t, '');
  assertHardenedWithOwners(t, lines);
  t.deepEqual(lines.slice(4), ['711 /run/hardrun', '700 /run/hardrun/ids']);
});

test('a /run/hardrun an older hardrun left private (0700): the next create puts its mode right, and the container starts', async t => {
  const lines = await firstRun(t, 'mkdir -m 700 /run/hardrun && mkdir -m 700 /run/hardrun/ids &&');
  assertHardenedWithOwners(t, lines);
  t.deepEqual(lines.slice(4), ['711 /run/hardrun', '700 /run/hardrun/ids']);
});

import test, { type ExecutionContext } from 'ava';
import { execa } from 'execa';
import { chown, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stagingDirFor } from '../../src/bundle/staging.js';
import { hostMountsOfHardrun } from '../helpers/hardrun-docker.js';
import { recorderPath } from '../helpers/recorder.js';
import { makeBundle, makeRootfs, scratch } from '../helpers/runc-bundle.js';
import { runHardrun } from '../helpers/shipped.js';

/**
 * The user namespace keeps ownership for a plain-directory rootfs (as
 * `runc run` users and runc's own tests have) and for an overlay mounted by
 * its caller (containerd's overlayfs snapshotter's shape), through the real
 * runc; and no mount of hardrun's reaches the host, even when the create is
 * killed part way.
 */
const probe = ['sh', '-c', 'stat -c "%u:%g %n" /etc/passwd /srv/svc; cat /proc/self/uid_map; echo x > /tmp/t && echo tmp-ok; touch /x 2>/dev/null || echo root-ro'];

function assertOwnersKept(t: ExecutionContext, stdout: string): void {
  const lines = stdout.trim().split('\n');
  t.deepEqual(lines.slice(0, 2), ['0:0 /etc/passwd', '1000:1000 /srv/svc'], stdout);
  t.regex(lines[2] ?? '', /^\s*0\s+[1-9]\d+\s+65536$/);
  t.deepEqual(lines.slice(3), ['tmp-ok', 'root-ro']);
}

test('a plain-directory rootfs: image files keep their owners under runc run through hardrun', async t => {
  const dir = await scratch(t);
  const bundle = join(dir, 'bundle');
  await makeRootfs(join(bundle, 'rootfs'));
  await makeBundle(bundle, probe);
  const root = join(dir, 'state');
  const result = await runHardrun(['--root', root, 'run', '--bundle', bundle, 'plain'], { cwd: bundle });
  t.is(result.exitCode, 0, result.stderr);
  assertOwnersKept(t, result.stdout);
  t.deepEqual(await hostMountsOfHardrun(), []);
  t.deepEqual((await readdir(`${root}.hardrun`)).filter(name => name !== '@default'), [], 'the foreground run left no record');
});

/**
 * A bundle whose rootfs is an overlay its caller mounted, as containerd's
 * snapshotter mounts one: the lower a busybox root, the upper (in `upperIn`)
 * holding a file of uid 1000's. Runs `script` after the owner probe.
 */
async function callerOverlay(t: ExecutionContext, dir: string, upperIn: string, script: string): Promise<string> {
  const lower = join(dir, 'lower');
  const upper = join(upperIn, 'upper');
  const work = join(upperIn, 'work');
  const bundle = join(dir, 'bundle');
  await makeRootfs(lower);
  for (const path of [upper, work, join(bundle, 'rootfs')]) await mkdir(path, { recursive: true });
  await writeFile(join(upper, 'from-upper'), 'u\n');
  await chown(join(upper, 'from-upper'), 1000, 1000);
  await execa('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=${lower},upperdir=${upper},workdir=${work}`, join(bundle, 'rootfs')]);
  t.teardown(() => execa('umount', [join(bundle, 'rootfs')], { reject: false }).then(() => undefined));
  await makeBundle(bundle, ['sh', '-c', `${probe[2]}; stat -c "%u %n" /from-upper; ${script}`]);
  return bundle;
}

test("an overlay rootfs its caller mounted (containerd's snapshotter shape): the layers are idmapped, the caller's own layer included", async t => {
  const dir = await scratch(t);
  const bundle = await callerOverlay(t, dir, dir, 'grep " / " /proc/self/mountinfo | grep -c overlay');
  const result = await runHardrun(['--root', join(dir, 'state'), 'run', '--bundle', bundle, 'overlaid'], { cwd: bundle });
  t.is(result.exitCode, 0, result.stderr);
  const lines = result.stdout.trim().split('\n');
  assertOwnersKept(t, lines.slice(0, 5).join('\n'));
  t.is(lines[5], '1000 /from-upper');
  t.is(lines[6], '1', 'the root is an overlay of the idmapped layers');
});

test('an overlay rootfs whose layers share no directory but / : each layer is idmapped and attached on its own, owners kept', async t => {
  const dir = await scratch(t);
  // The upper on another tree (/var/tmp against /tmp): no one view shows both layers.
  const other = await mkdtemp(join('/var/tmp', 'hardrun-own-runc-'));
  t.teardown(() => rm(other, { recursive: true, force: true }));
  const bundle = await callerOverlay(t, dir, other, 'true');
  const result = await runHardrun(['--root', join(dir, 'state'), 'run', '--bundle', bundle, 'apart'], { cwd: bundle });
  t.is(result.exitCode, 0, result.stderr);
  const lines = result.stdout.trim().split('\n');
  assertOwnersKept(t, lines.slice(0, 5).join('\n'));
  t.is(lines[5], '1000 /from-upper');
  t.deepEqual(await hostMountsOfHardrun(), []);
});

test('a rootfs the kernel cannot idmap (a directory inside an overlay) is refused, with why, and nothing is left', async t => {
  const { dir, bundle } = await unmappableBundle(t);
  const audit = join(dir, 'audit.log');
  const policy = join(dir, 'policy.json');
  await writeFile(policy, JSON.stringify({ audit: { file: audit } }));
  const root = join(dir, 'state');
  const result = await runHardrun(['--policy', policy, '--root', root, 'run', '--bundle', bundle, 'refused'], { cwd: bundle });
  t.is(result.exitCode, 1);
  t.regex(result.stderr, /hardrun refused this container: root\.path: the root filesystem \S+ cannot be idmapped on this host \(idmap .*Invalid argument\), so its files would show as nobody \(hardening\.userNamespace\.whenOwnersLost is refuse; set it to nobody/);
  t.regex(await readFile(audit, 'utf8'), /"refusals":\[[^\]]*cannot be idmapped on this host/);
  t.deepEqual((await readdir(`${root}.hardrun`)).filter(name => name !== '@default'), []);
  await t.throwsAsync(readdir(stagingDirFor(root, 'refused')), { code: 'ENOENT' });
  t.deepEqual(await hostMountsOfHardrun(), []);
});

test('whenOwnersLost: nobody runs such a rootfs with its files shown as nobody, and the audit record says so', async t => {
  const { dir, bundle } = await unmappableBundle(t);
  const audit = join(dir, 'audit.log');
  const policy = join(dir, 'policy.json');
  await writeFile(policy, JSON.stringify({ audit: { file: audit }, hardening: { userNamespace: { whenOwnersLost: 'nobody' } } }));
  const result = await runHardrun(['--policy', policy, '--root', join(dir, 'state'), 'run', '--bundle', bundle, 'fallback'], { cwd: bundle });
  t.is(result.exitCode, 0, result.stderr);
  t.is(result.stdout.trim(), '65534', 'files show as nobody, as before idmapping');
  t.regex(await readFile(audit, 'utf8'), /the root filesystem .* is not idmapped \(idmap .*Invalid argument\)/);
});

/** A rootfs that is a directory inside an overlay: a filesystem that cannot be idmapped here. */
async function unmappableBundle(t: ExecutionContext): Promise<{ dir: string; bundle: string }> {
  const dir = await scratch(t);
  const lower = join(dir, 'lower');
  const merged = join(dir, 'merged');
  await makeRootfs(join(lower, 'rootfs'));
  for (const path of [join(dir, 'upper'), join(dir, 'work'), merged]) await mkdir(path, { recursive: true });
  await execa('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=${lower},upperdir=${join(dir, 'upper')},workdir=${join(dir, 'work')}`, merged]);
  t.teardown(() => execa('umount', [merged], { reject: false }).then(() => undefined));
  const bundle = join(dir, 'bundle');
  await makeBundle(bundle, ['sh', '-c', 'stat -c %u /etc/passwd'], join(merged, 'rootfs'));
  return { dir, bundle };
}

test('SIGKILL mid-create: the idmapped view exists only in the backend\'s mount namespace; delete --force removes record, staging and the id claim', async t => {
  const dir = await scratch(t);
  const bundle = join(dir, 'bundle');
  await makeRootfs(join(bundle, 'rootfs'));
  await makeBundle(bundle, ['true']);
  const policy = join(dir, 'policy.json');
  await writeFile(policy, JSON.stringify({ defaultBackend: 'rec', backends: { rec: { path: recorderPath, kind: 'runc' } } }));
  const root = join(dir, 'state');
  const env = { HARDRUN_POLICY: policy, RECORDER_SLEEP: '30', RECORDER_ONLY: 'create' };
  const child = execa('bin/hardrun', ['--root', root, 'create', '--bundle', bundle, 'killed'], { env, reject: false, stdio: 'ignore' });
  const staging = stagingDirFor(root, 'killed');
  let inside = '';
  for (let tries = 0; tries < 100 && !inside.includes(staging); tries += 1) {
    await new Promise(resolve => setTimeout(resolve, 50));
    inside = await readFile(`/proc/${child.pid}/mountinfo`, 'utf8').catch(() => '');
  }
  t.regex(inside, new RegExp(`${staging}/rootfs .*idmapped`), 'the backend sees the idmapped root');
  t.deepEqual(await hostMountsOfHardrun(), [], 'the host sees none of it');
  const record = await readFile(join(`${root}.hardrun`, 'killed'), 'utf8');
  const claim = /^staging\t\S+\t(\S+)$/m.exec(record)?.[1];
  t.truthy(claim, record);
  child.kill('SIGKILL');
  await child;
  t.deepEqual(await hostMountsOfHardrun(), []);
  const removed = await runHardrun(['--root', root, 'delete', '--force', 'killed'], { env: { HARDRUN_POLICY: policy } });
  t.is(removed.exitCode, 0, removed.stderr);
  t.deepEqual((await readdir(`${root}.hardrun`)).filter(name => name !== '@default'), []);
  await t.throwsAsync(readdir(staging));
  await t.throwsAsync(stat(claim!), { code: 'ENOENT' });
});

import test from 'ava';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { builtinChecks } from '../../src/policy/builtin.js';
import { makeScratch, recorderPath, type Scratch } from '../helpers/recorder.js';
import { runHardrun } from '../helpers/shipped.js';
import { minimalSpec } from '../helpers/specs.js';

/**
 * Hostile inputs: each a clear one-line error on stderr and in
 * the log, a non-zero exit, the backend never started, nothing written.
 */
interface Attempt {
  readonly exitCode: number;
  readonly stderr: string;
  readonly logLine: { level: string; msg: string } | undefined;
}

async function attemptCreate(scratch: Scratch, bundle: string, extra: { argv?: string[]; id?: string } = {}): Promise<Attempt> {
  const log = join(scratch.dir, 'log.json');
  const result = await runHardrun(['--root', scratch.root, '--log', log, '--log-format', 'json', 'create', ...(extra.argv ?? []), '--bundle', bundle, extra.id ?? 'c1'], {
    env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy },
  });
  const lines = existsSync(log) ? (await readFile(log, 'utf8')).trim().split('\n') : [];
  const last = lines.length === 0 ? undefined : JSON.parse(lines[lines.length - 1]!) as { level: string; msg: string };
  return { exitCode: result.exitCode, stderr: result.stderr, logLine: last };
}

async function bundleWith(scratch: Scratch, write: (config: string) => Promise<void>): Promise<string> {
  const bundle = join(scratch.dir, 'bundle');
  await mkdir(join(bundle, 'rootfs'), { recursive: true });
  await write(join(bundle, 'config.json'));
  return bundle;
}

async function assertCleanRefusal(t: import('ava').ExecutionContext, scratch: Scratch, bundle: string, attempt: Attempt, reason: RegExp): Promise<void> {
  t.is(attempt.exitCode, 1);
  t.regex(attempt.stderr, reason);
  t.is(attempt.stderr.trim().split('\n').length, 1, 'more than one line on stderr');
  t.is(attempt.logLine?.level, 'error');
  t.is(attempt.logLine?.msg, attempt.stderr.trim());
  t.deepEqual(await scratch.calls(), [], 'the backend was started');
  t.false(existsSync(`${scratch.root}.hardrun/c1`), 'a record was left');
  t.deepEqual((await readdir(bundle)).filter(name => name !== 'config.json' && name !== 'rootfs'), [], 'something was written in the bundle');
}

const nested = (depth: number): string => `{"ociVersion":"1.0.2","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
const hostileConfigs: [string, (path: string) => Promise<void>, RegExp][] = [
  ['a truncated config.json', path => writeFile(path, JSON.stringify(minimalSpec).slice(0, 60)), /is not valid JSON/],
  ['a 100 MB config.json', async path => { await writeFile(path, '{}'); await truncate(path, 100 * 1024 * 1024); }, /104857600 bytes is over the 8388608-byte limit/],
  ['a deeply nested config.json', path => writeFile(path, nested(200_000)), /nests 200001 levels deep, over the limit of 100/],
  ['process.args as a string', path => writeFile(path, JSON.stringify({ ...minimalSpec, process: { ...minimalSpec.process, args: 'sh -c evil' } })), /process\.args: must be array/],
  ['a capability set of numbers', path => writeFile(path, JSON.stringify({ ...minimalSpec, process: { ...minimalSpec.process, capabilities: { bounding: [21] } } })), /process\.capabilities\.bounding\[0\]: must be string/],
  ['a mount without destination', path => writeFile(path, JSON.stringify({ ...minimalSpec, mounts: [{ source: '/etc', type: 'bind' }] })), /mounts\[0\]\.destination: is required/],
  ['a negative uid mapping', path => writeFile(path, JSON.stringify({ ...minimalSpec, linux: { ...minimalSpec.linux, uidMappings: [{ containerID: 0, hostID: -1, size: 1 }] } })), /linux\.uidMappings\[0\]\.hostID: must be >= 0/],
  ['annotations that are not strings', path => writeFile(path, JSON.stringify({ ...minimalSpec, annotations: { a: { b: 1 } } })), /annotations\.a: must be string/],
];
for (const [what, write, reason] of hostileConfigs) {
  test(`${what}: a one-line refusal, nothing written`, async t => {
    const scratch = await makeScratch();
    t.teardown(() => scratch.remove());
    const bundle = await bundleWith(scratch, write);
    await assertCleanRefusal(t, scratch, bundle, await attemptCreate(scratch, bundle), reason);
  });
}

test('a rootfs that is a symlink out of the bundle: refused, and the target never written', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const outside = join(scratch.dir, 'outside');
  await mkdir(outside);
  const bundle = join(scratch.dir, 'bundle');
  await mkdir(bundle);
  await symlink(outside, join(bundle, 'rootfs'));
  await writeFile(join(bundle, 'config.json'), JSON.stringify(minimalSpec));
  const attempt = await attemptCreate(scratch, bundle);
  t.is(attempt.exitCode, 1);
  t.regex(attempt.stderr, /the root filesystem .*rootfs is a symlink/);
  t.deepEqual(await readdir(outside), [], 'hardrun wrote into the symlink target');
  t.false(existsSync(`${scratch.root}.hardrun/c1`));
});

test('an image symlink such as /run -> /etc never makes hardrun write outside the rootfs', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const bundle = join(scratch.dir, 'bundle');
  const decoy = join(scratch.dir, 'host-etc');
  await mkdir(join(bundle, 'rootfs', 'etc'), { recursive: true });
  await mkdir(decoy);
  await symlink(decoy, join(bundle, 'rootfs', 'run'));
  await symlink(`../../../../../../../..${decoy}`, join(bundle, 'rootfs', 'var'));
  await writeFile(join(bundle, 'config.json'), JSON.stringify(minimalSpec));
  const attempt = await attemptCreate(scratch, bundle);
  t.is(attempt.exitCode, 0, attempt.stderr);
  t.deepEqual(await readdir(decoy), [], 'a mountpoint was created through the symlink on the host');
  t.true(existsSync(join(bundle, 'rootfs', decoy, 'tmp')), 'the /var/tmp mountpoint was not made inside the rootfs');
});

test('a bundle path with .. and ids with / or .. are refused', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const bundle = await bundleWith(scratch, path => writeFile(path, JSON.stringify(minimalSpec)));
  const dotted = await attemptCreate(scratch, `${bundle}/../bundle`);
  t.regex(dotted.stderr, /must not contain "\.\."/);
  for (const id of ['../x', 'a/b', '..', '']) {
    const attempt = await attemptCreate(scratch, bundle, { id });
    t.is(attempt.exitCode, 1, id);
    t.regex(attempt.stderr, /runc create failed: (invalid container ID format|container id cannot be empty)/, id);
  }
  t.deepEqual(await scratch.calls(), []);
});

test('unknown flags on create are refused before anything is written', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const bundle = await bundleWith(scratch, path => writeFile(path, JSON.stringify(minimalSpec)));
  await assertCleanRefusal(t, scratch, bundle, await attemptCreate(scratch, bundle, { argv: ['--no-seccomp-please'] }), /unknown flag --no-seccomp-please for create/);
});

test('an invalid policy refuses every create with its reason', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  await writeFile(scratch.policy, '{"defaultBackend": 7}');
  const bundle = await bundleWith(scratch, path => writeFile(path, JSON.stringify(minimalSpec)));
  await assertCleanRefusal(t, scratch, bundle, await attemptCreate(scratch, bundle), /policy .* is invalid: defaultBackend \(line 1\): must be string/);
});

test('a relative bind source is judged from the bundle, as runc resolves it', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const secret = join(scratch.dir, 'secret');
  await mkdir(secret);
  await writeFile(scratch.policy, JSON.stringify({
    defaultBackend: 'rec', backends: { rec: { path: recorderPath } },
    checks: { sensitiveMounts: { paths: [...builtinChecks.sensitiveMounts.paths, secret] } },
  }));
  const mounts = [{ destination: '/x', type: 'bind', source: '../secret', options: ['rbind', 'ro'] }];
  const bundle = await bundleWith(scratch, path => writeFile(path, JSON.stringify({ ...minimalSpec, mounts })));
  const attempt = await attemptCreate(scratch, bundle);
  await assertCleanRefusal(t, scratch, bundle, attempt, new RegExp(`host path \\.\\./secret \\(${secret}\\) on /x exposes the host \\(check sensitiveMounts`));
});

test("an image whose /dev/null is a symlink onto procfs is refused before runc sees it", async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const bundle = await bundleWith(scratch, path => writeFile(path, JSON.stringify(minimalSpec)));
  await mkdir(join(bundle, 'rootfs', 'dev'));
  await symlink('/proc/sys/kernel/core_pattern', join(bundle, 'rootfs', 'dev', 'null'));
  const attempt = await attemptCreate(scratch, bundle);
  await assertCleanRefusal(t, scratch, bundle, attempt, /^hardrun refused this container: the image's \/dev\/null is a symlink \(to \/proc\/sys\/kernel\/core_pattern\)/);
});

// runc 1.1 reads `create ID --bundle B` as a create of B: hardrun would
// have hardened the bundle in its working directory and handed over B.
test('a flag after the container id of create is refused, not handed over with another bundle', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const bundle = await bundleWith(scratch, path => writeFile(path, JSON.stringify(minimalSpec)));
  const log = join(scratch.dir, 'log.json');
  const result = await runHardrun(['--root', scratch.root, '--log', log, '--log-format', 'json', 'create', 'c1', '--bundle', bundle], {
    env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy }, cwd: scratch.dir,
  });
  await assertCleanRefusal(t, scratch, bundle, { exitCode: result.exitCode, stderr: result.stderr, logLine: JSON.parse((await readFile(log, 'utf8')).trim()) as { level: string; msg: string } }, /flag --bundle after the container id of create/);
});

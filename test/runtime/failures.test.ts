import test from 'ava';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { lstat, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeScratch, type Scratch } from '../helpers/recorder.js';
import { launcherPath, runHardrun } from '../helpers/shipped.js';
import { minimalSpec } from '../helpers/specs.js';


async function bundleWith(scratch: Scratch, config: string | object): Promise<string> {
  const bundle = join(scratch.dir, 'bundle');
  await mkdir(join(bundle, 'rootfs'), { recursive: true });
  await writeFile(join(bundle, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return bundle;
}

/** The log lines as containerd decodes them: every line JSON, level and time strings. */
async function logLines(path: string): Promise<{ level: string; msg: string; time: string }[]> {
  const text = await readFile(path, 'utf8');
  return text.trim().split('\n').map(line => JSON.parse(line) as { level: string; msg: string; time: string });
}

async function createThrough(scratch: Scratch, bundle: string, policy: string): Promise<{ exitCode: number; stderr: string; log: string; root: string }> {
  const root = join(scratch.dir, 'root');
  const log = join(bundle, 'log.json');
  const result = await runHardrun(
    ['--root', root, '--log', log, '--log-format', 'json', 'create', '--bundle', bundle, '--pid-file', join(bundle, 'init.pid'), 'c1'],
    { env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: policy } },
  );
  return { ...result, log, root };
}

test('a missing backend: one clear line on stderr and in the log, no record, the config untouched', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const policy = join(scratch.dir, 'missing.json');
  await writeFile(policy, JSON.stringify({ defaultBackend: 'gone', backends: { gone: { path: '/nonexistent/runc' } } }));
  const bundle = await bundleWith(scratch, minimalSpec);
  const result = await createThrough(scratch, bundle, policy);
  t.is(result.exitCode, 1);
  t.regex(result.stderr, /^backend "gone" is not installed: no executable \/nonexistent\/runc/);
  t.is(result.stderr.trim().split('\n').length, 1);
  const lines = await logLines(result.log);
  const last = lines[lines.length - 1]!;
  t.is(last.level, 'error');
  t.is(last.msg, result.stderr.trim());
  t.regex(last.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  t.false(existsSync(`${result.root}.hardrun/c1`));
  t.deepEqual(JSON.parse(await readFile(join(bundle, 'config.json'), 'utf8')), minimalSpec);
});

// containerd's runc shim runs a pod sandbox's create with /dev/null opened
// read-only as stdout and stderr, and reads the sentence from the log alone.
test('with a stderr that cannot be written (read-only /dev/null, as containerd gives a sandbox), the sentence still reaches the log file', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const policy = join(scratch.dir, 'missing.json');
  await writeFile(policy, JSON.stringify({ defaultBackend: 'gone', backends: { gone: { path: '/nonexistent/runc' } } }));
  const bundle = await bundleWith(scratch, minimalSpec);
  const log = join(bundle, 'log.json');
  const readOnly = openSync('/dev/null', 'r');
  t.teardown(() => closeSync(readOnly));
  const result = spawnSync(launcherPath, ['--root', join(scratch.dir, 'root'), '--log', log, '--log-format', 'json', 'create', '--bundle', bundle, 'c1'],
    { env: { ...process.env, RECORDER_LOG: scratch.log, HARDRUN_POLICY: policy }, stdio: ['ignore', readOnly, readOnly] });
  t.is(result.status, 1);
  const lines = await logLines(log);
  t.regex(lines[lines.length - 1]!.msg, /^backend "gone" is not installed: no executable \/nonexistent\/runc/);
});

test('a backend that fails with its own error: its status and words, no hardrun line after them', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const bundle = await bundleWith(scratch, minimalSpec);
  const root = join(scratch.dir, 'root');
  const log = join(bundle, 'log.json');
  const result = await runHardrun(['--root', root, '--log', log, '--log-format', 'json', 'create', '--bundle', bundle, 'c1'], {
    env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy, RECORDER_EXIT: '1' },
  });
  t.is(result.exitCode, 1);
  t.is(result.stderr, 'recorder: failing as asked\n');
  t.false(existsSync(log), 'hardrun wrote a log line of its own after the backend failed');
});

const hostileConfigs: [string, string][] = [
  ['malformed JSON', '{"ociVersion": '],
  ['a JSON array', '[]'],
  ['a process that is a string', JSON.stringify({ ...minimalSpec, process: 'sh' })],
];
for (const [what, config] of hostileConfigs) {
  test(`config.json holding ${what} is refused before anything is written`, async t => {
    const scratch = await makeScratch();
    t.teardown(() => scratch.remove());
    const bundle = await bundleWith(scratch, config);
    const result = await createThrough(scratch, bundle, scratch.policy);
    t.is(result.exitCode, 1);
    t.regex(result.stderr, /config\.json/);
    t.deepEqual(await scratch.calls(), [], 'the backend was started');
    t.is(await readFile(join(bundle, 'config.json'), 'utf8'), config);
    t.false(existsSync(`${result.root}.hardrun/c1`));
    t.deepEqual((await readdir(bundle)).sort(), ['config.json', 'log.json', 'rootfs']);
  });
}

test('a config.json that is a symlink out of the bundle is never read or written', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const bundle = join(scratch.dir, 'bundle');
  await mkdir(join(bundle, 'rootfs'), { recursive: true });
  const outside = join(scratch.dir, 'outside.json');
  await writeFile(outside, JSON.stringify(minimalSpec));
  await symlink(outside, join(bundle, 'config.json'));
  const result = await createThrough(scratch, bundle, scratch.policy);
  t.is(result.exitCode, 1);
  t.regex(result.stderr, /it is a symlink/);
  t.deepEqual(JSON.parse(await readFile(outside, 'utf8')), minimalSpec);
});

test('an id with a slash or dots is refused', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const bundle = await bundleWith(scratch, minimalSpec);
  for (const id of ['../escape', 'a/b', '..']) {
    const result = await runHardrun(['--root', join(scratch.dir, 'root'), 'create', '--bundle', bundle, id], {
      env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy },
    });
    t.is(result.exitCode, 1, id);
    t.regex(result.stderr, /runc create failed: invalid container ID format/, id);
  }
  t.deepEqual(await scratch.calls(), []);
});

test('a hardened create rewrites config.json atomically and keeps the original outside the bundle', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const original = { ...minimalSpec, process: { ...minimalSpec.process, noNewPrivileges: false }, unknownField: { kept: true } };
  const bundle = await bundleWith(scratch, original);
  const result = await createThrough(scratch, bundle, scratch.policy);
  t.is(result.exitCode, 0, result.stderr);
  const written = JSON.parse(await readFile(join(bundle, 'config.json'), 'utf8')) as { unknownField: unknown; root: { path: string } };
  t.deepEqual(written.unknownField, { kept: true });
  // The bundle may be the container's root: it holds only what the caller put there.
  t.deepEqual((await readdir(bundle)).sort(), ['config.json', 'rootfs']);
  const kept = join(dirname(written.root.path), 'caller-config.json');
  t.deepEqual(JSON.parse(await readFile(kept, 'utf8')), { bundle, config: original });
  const stat = await lstat(kept);
  t.is(stat.mode & 0o777, 0o600);
  t.is(stat.uid, 0);
  t.true(existsSync(`${result.root}.hardrun/c1`));
});

test('a second create from a bundle hardrun rewrote starts from the original; once its container is deleted, it is refused', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const original = { ...minimalSpec, process: { ...minimalSpec.process, noNewPrivileges: false } };
  const bundle = await bundleWith(scratch, original);
  const env = { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy };
  t.is((await createThrough(scratch, bundle, scratch.policy)).exitCode, 0);
  const first = await readFile(join(bundle, 'config.json'), 'utf8');
  const second = await runHardrun(['--root', scratch.root, 'create', '--bundle', bundle, 'c2'], { env });
  t.is(second.exitCode, 0, second.stderr);
  // Hardened once, from the original: the same spec as the first, in c2's staging.
  const rewritten = await readFile(join(bundle, 'config.json'), 'utf8');
  const c1Staging = dirname((JSON.parse(first) as { root: { path: string } }).root.path);
  const c2Staging = dirname((JSON.parse(rewritten) as { root: { path: string } }).root.path);
  t.not(c1Staging, c2Staging);
  // Its cleanup hook names its own record and claim, in place of c1's (src/state/cleanup-hook.ts).
  const own = (text: string, staging: string): string => text.replaceAll(staging, 'STAGING').replace(/"hostID":\d+/g, '').replace(/root\.hardrun\/c[12]"/, 'RECORD"').replace(/\/run\/hardrun\/ids\/\d+/, 'CLAIM');
  t.is(own(rewritten, c2Staging), own(first, c1Staging));
  t.is(rewritten.split('hardrun-cleanup').length, 2, 'one cleanup hook');
  t.deepEqual(JSON.parse(await readFile(join(c2Staging, 'caller-config.json'), 'utf8')), { bundle, config: original });
  // Another bundle's copy of the rewrite does not get this bundle's original.
  const other = join(scratch.dir, 'other');
  await mkdir(join(other, 'rootfs'), { recursive: true });
  await writeFile(join(other, 'config.json'), rewritten);
  const copied = await runHardrun(['--root', scratch.root, 'create', '--bundle', other, 'c4'], { env });
  t.is(copied.exitCode, 1);
  t.regex(copied.stderr, /points into the staging directory of a container made from another bundle/);
  for (const id of ['c1', 'c2']) t.is((await runHardrun(['--root', scratch.root, 'delete', id], { env })).exitCode, 0);
  t.false(existsSync(c2Staging), 'the kept original went with the delete');
  await scratch.clear();
  const third = await runHardrun(['--root', scratch.root, 'create', '--bundle', bundle, 'c3'], { env });
  t.is(third.exitCode, 1);
  t.regex(third.stderr, /config\.json is hardrun's rewrite for container c2 .*whose original went with that container's delete: write config\.json again/);
  t.deepEqual(await scratch.calls(), [], 'the backend was not asked');
});

test('a create from hardrun\'s rewrite that fails before the hand-over gives the bundle the caller\'s config.json back', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const bundle = await bundleWith(scratch, minimalSpec);
  t.is((await createThrough(scratch, bundle, scratch.policy)).exitCode, 0);
  const broken = join(scratch.dir, 'broken-audit.json');
  // An audit log below a file: no directory can be made there, so the create fails before the hand-over.
  await writeFile(join(scratch.dir, 'a-file'), '');
  await writeFile(broken, JSON.stringify({ ...JSON.parse(await readFile(scratch.policy, 'utf8')) as object, audit: { file: join(scratch.dir, 'a-file', 'audit.jsonl') } }));
  const failed = await runHardrun(['--root', scratch.root, 'create', '--bundle', bundle, 'c2'], { env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: broken } });
  t.is(failed.exitCode, 1, failed.stderr);
  t.deepEqual(JSON.parse(await readFile(join(bundle, 'config.json'), 'utf8')), minimalSpec);
});

import test from 'ava';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeScratch, type Scratch } from '../helpers/recorder.js';
import { runHardrun } from '../helpers/shipped.js';
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
    t.regex(result.stderr, /invalid container id format/, id);
  }
  t.deepEqual(await scratch.calls(), []);
});

test('a hardened create rewrites config.json atomically and keeps the original beside it', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const original = { ...minimalSpec, process: { ...minimalSpec.process, noNewPrivileges: false }, unknownField: { kept: true } };
  const bundle = await bundleWith(scratch, original);
  const result = await createThrough(scratch, bundle, scratch.policy);
  t.is(result.exitCode, 0, result.stderr);
  const written = JSON.parse(await readFile(join(bundle, 'config.json'), 'utf8')) as Record<string, unknown>;
  t.deepEqual(written['unknownField'], { kept: true });
  t.deepEqual(JSON.parse(await readFile(join(bundle, 'config.orig.json'), 'utf8')), original);
  t.deepEqual((await readdir(bundle)).filter(name => name.endsWith('.tmp')), []);
  t.true(existsSync(`${result.root}.hardrun/c1`));
});

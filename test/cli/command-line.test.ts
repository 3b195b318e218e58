import test from 'ava';
import { execa } from 'execa';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeScratch } from '../helpers/recorder.js';
import { runHardrun } from '../helpers/shipped.js';
import { minimalSpec } from '../helpers/specs.js';

const humanCommands = ['setup', 'doctor', 'inspect', 'explain', 'policy', 'ps'];

test('a usage error exits 2 with the command\'s usage, and setup writes nothing', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const dir = join(scratch.dir, 'setup');
  await mkdir(dir);
  const daemonJson = join(dir, 'daemon.json');
  await writeFile(daemonJson, '{}\n');
  const files = ['--config', daemonJson, '--no-reload', '--subuid-file', join(dir, 'subuid'), '--subgid-file', join(dir, 'subgid')];
  const typo = await runHardrun(['setup', 'docker', '--remov', ...files]);
  t.is(typo.exitCode, 2);
  t.regex(typo.stderr, /Unknown argument: remov/);
  t.regex(typo.stderr, /hardrun setup <target>/);
  t.is(typo.stdout, '');
  t.deepEqual(await readdir(dir), ['daemon.json']);

  const noTarget = await runHardrun(['setup', '--subuid-file', join(dir, 'subuid'), '--subgid-file', join(dir, 'subgid')]);
  t.is(noTarget.exitCode, 2);
  t.is(noTarget.stdout, '', 'no containerd config printed');
  t.deepEqual(await readdir(dir), ['daemon.json']);
});

test('explain with an unknown flag exits 2 and explains nothing', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const bundle = join(scratch.dir, 'bundle');
  await mkdir(join(bundle, 'rootfs'), { recursive: true });
  await writeFile(join(bundle, 'config.json'), JSON.stringify(minimalSpec));
  const good = await runHardrun(['explain', '--bundle', bundle], { env: { HARDRUN_POLICY: scratch.policy } });
  t.is(good.exitCode, 0, good.stderr);
  const bad = await runHardrun(['explain', '--bogus', '--bundle', bundle], { env: { HARDRUN_POLICY: scratch.policy } });
  t.is(bad.exitCode, 2);
  t.regex(bad.stderr, /Unknown argument: bogus/);
  t.is(bad.stdout, '');
});

for (const args of [[], ['--help'], ['-h'], ['help']]) {
  test(`hardrun ${args.join(' ') || '(no arguments)'} lists hardrun's commands, then says the rest is runc's`, async t => {
    const scratch = await makeScratch();
    t.teardown(() => scratch.remove());
    const result = await runHardrun(args, { env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy } });
    t.is(result.exitCode, 0, result.stderr);
    for (const command of humanCommands) t.regex(result.stdout, new RegExp(`hardrun ${command}\\b`), command);
    t.regex(result.stdout.replace(/\s+/g, ' '), /Every other command \(create,[^)]*\) is runc's/);
    t.deepEqual(await scratch.calls(), [], 'the backend is not asked');
  });
}

test('help for one of runc\'s commands, and COMMAND -h, are the backend\'s', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const env = { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy };
  t.is((await runHardrun(['help', 'create'], { env })).exitCode, 0);
  const setupHelp = await runHardrun(['help', 'setup'], { env });
  t.regex(setupHelp.stdout, /hardrun setup <target>/);
  for (const command of ['exec', 'create', 'run', 'restore', 'kill']) {
    const result = await runHardrun(['--root', scratch.root, command, '-h'], { env });
    t.is(result.exitCode, 0, `${command}: ${result.stderr}`);
  }
  t.deepEqual(await scratch.calls(), [
    ['help', 'create'],
    ...['exec', 'create', 'run', 'restore', 'kill'].map(command => ['--root', scratch.root, command, '-h']),
  ]);
});

test('delete -h prints help and deletes nothing: the record stays', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const { writeRecord, readRecord } = await import('../../src/state/record.js');
  const { recorderPath } = await import('../helpers/recorder.js');
  writeRecord(scratch.root, 'c1', { kind: 'runc', name: 'rec', path: recorderPath, args: [] });
  for (const flag of ['-h', '--help']) {
    const result = await runHardrun(['--root', scratch.root, 'delete', flag, 'c1'], { env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy } });
    t.is(result.exitCode, 0, result.stderr);
    t.not(readRecord(scratch.root, 'c1'), undefined, flag);
  }
  t.deepEqual(await scratch.calls(), [['--root', scratch.root, 'delete', '-h', 'c1'], ['--root', scratch.root, 'delete', '--help', 'c1']]);
});

/** What dockerd makes of `--version` (daemon/info_unix.go parseRuntimeVersion): the last "version" line and "commit:" line. */
function dockerdVersion(text: string): { runtime: string; version: string; commit: string } {
  const parsed = { runtime: '', version: '', commit: '' };
  for (const line of text.trim().split('\n')) {
    if (line.includes('version')) {
      const parts = line.split('version');
      parsed.runtime = parts[0]!.trim();
      parsed.version = parts[parts.length - 1]!.trim();
    } else if (line.startsWith('commit:')) parsed.commit = line.slice('commit:'.length).trim();
  }
  return parsed;
}

test('--version: hardrun\'s version and commit first, then the backend\'s lines as they are', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const policy = join(scratch.dir, 'runc.json');
  await writeFile(policy, JSON.stringify({ defaultBackend: 'runc' }));
  const runc = await execa('runc', ['--version']);
  for (const flag of ['--version', '-v']) {
    const result = await runHardrun([flag], { env: { HARDRUN_POLICY: policy } });
    t.is(result.exitCode, 0, result.stderr);
    const [first, second, blank, ...rest] = result.stdout.split('\n');
    t.regex(first!, /^hardrun version \d+\.\d+\.\d+/);
    t.regex(second!, /^commit: \S+$/);
    t.is(blank, '');
    t.is(rest.join('\n'), `${runc.stdout}\n`);
    t.deepEqual(dockerdVersion(result.stdout), dockerdVersion(runc.stdout));
  }
});

test('features passes straight through', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const policy = join(scratch.dir, 'runc.json');
  await writeFile(policy, JSON.stringify({ defaultBackend: 'runc' }));
  const runc = await execa('runc', ['features'], { stripFinalNewline: false });
  const result = await runHardrun(['features'], { env: { HARDRUN_POLICY: policy } });
  t.is(result.exitCode, 0);
  t.is(result.stdout, runc.stdout);
  t.is(result.stderr, '');
});

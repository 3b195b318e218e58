import test from 'ava';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unifiedDiff } from '../../src/human/setup/text-diff.js';
import { makeScratch } from '../helpers/recorder.js';
import { runHardrun } from '../helpers/shipped.js';

test('unifiedDiff shows kept, removed and added lines in order', t => {
  t.is(unifiedDiff('/f', 'a\nb\nc\n', 'a\nc\nd\n'), '--- /f\n+++ /f\n a\n-b\n c\n+d\n');
  t.is(unifiedDiff('/f', undefined, 'x\n'), '--- /dev/null\n+++ /f\n+x\n');
  t.is(unifiedDiff('/f', 'same\n', 'same\n'), '--- /f\n+++ /f\n same\n');
  t.is(unifiedDiff('/f', 'x\n', 'y\n'), '--- /f\n+++ /f\n-x\n+y\n');
});

/** Every file in a directory with its text: what a dry run must leave exactly as it was. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) files[name] = await readFile(join(dir, name), 'utf8');
  return files;
}

test('setup docker --dry-run prints the changes as diffs and writes nothing, for setup and for --remove', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const dir = join(scratch.dir, 'host');
  await mkdir(dir);
  const daemonJson = join(dir, 'daemon.json');
  await writeFile(daemonJson, '{\n  "debug": true\n}\n');
  const files = ['--config', daemonJson, '--subuid-file', join(dir, 'subuid'), '--subgid-file', join(dir, 'subgid')];
  const before = await snapshot(dir);
  const dry = await runHardrun(['setup', 'docker', '--dry-run', '--default', ...files]);
  t.is(dry.exitCode, 0, dry.stderr);
  t.regex(dry.stdout, new RegExp(`^--- ${daemonJson}\\n\\+\\+\\+ ${daemonJson}\\n`));
  t.regex(dry.stdout, /^\+\s+"default-runtime": "hardrun"/m);
  t.regex(dry.stdout, /^ \{\n- {2}"debug": true\n\+ {2}"debug": true,$/m, 'the line that gains a comma');
  t.regex(dry.stdout, /^\+hardrun:\d+:268435456$/m, 'the subordinate id lines too');
  t.deepEqual(await snapshot(dir), before, 'nothing written');

  t.is((await runHardrun(['setup', 'docker', '--no-reload', '--default', ...files])).exitCode, 0);
  const installed = await snapshot(dir);
  const dryRemove = await runHardrun(['setup', 'docker', '--remove', '--dry-run', ...files]);
  t.is(dryRemove.exitCode, 0, dryRemove.stderr);
  t.regex(dryRemove.stdout, /^-\s+"default-runtime": "hardrun"/m);
  t.deepEqual(await snapshot(dir), installed, 'nothing written, the backup kept');
});

test('setup containerd --dry-run --config prints the merge as a diff and writes nothing', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const dir = join(scratch.dir, 'node');
  await mkdir(dir);
  const config = join(dir, 'config.toml');
  await writeFile(config, 'version = 2\n# the operator\'s comment\n');
  const before = await snapshot(dir);
  const dry = await runHardrun(['setup', 'containerd', '--dry-run', '--config', config, '--subuid-file', join(dir, 'subuid'), '--subgid-file', join(dir, 'subgid')]);
  t.is(dry.exitCode, 0, dry.stderr);
  t.regex(dry.stdout, /^ # the operator's comment$/m);
  t.regex(dry.stdout, /^\+.*runtimes\.hardrun\]$/m);
  t.deepEqual(await snapshot(dir), before);
});

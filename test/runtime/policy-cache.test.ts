import test from 'ava';
import { lstat, mkdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { policyCachePath } from '../../src/policy/cache.js';
import { makeScratch, recorderPath } from '../helpers/recorder.js';
import { runHardrun } from '../helpers/shipped.js';
import { minimalSpec } from '../helpers/specs.js';

/**
 * The engine keeps the last policy it loaded in /run/hardrun/policy.cache.
 * Whatever is cached, each call follows the file as it is now: here the
 * file changes in place, keeping its size and timestamps.
 */
const policyWith = (word: string): string =>
  `version: 1\ndefaultBackend: rec\nbackends:\n  rec:\n    path: ${recorderPath}\n    args: ["--${word}"]\n`;

test('a policy file changed in place is followed at once, whatever was cached', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const policy = join(scratch.dir, 'policy.yaml');
  const bundle = join(scratch.dir, 'bundle');
  await mkdir(join(bundle, 'rootfs'), { recursive: true });
  const create = async (id: string) => {
    await writeFile(join(bundle, 'config.json'), JSON.stringify(minimalSpec));
    return runHardrun(['--root', scratch.root, 'create', '--bundle', bundle, id], { env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: policy } });
  };
  const backendArgOf = async (id: string) => (await scratch.calls()).find(argv => argv.includes(id))?.[0];

  await writeFile(policy, policyWith('one'));
  const { mtime } = await stat(policy);
  for (const id of ['c1', 'c2']) t.is((await create(id)).exitCode, 0);
  t.is(await backendArgOf('c1'), '--one');
  t.is(await backendArgOf('c2'), '--one');

  await writeFile(policy, policyWith('two'));
  await utimes(policy, mtime, mtime);
  t.is((await create('c3')).exitCode, 0);
  t.is(await backendArgOf('c3'), '--two');

  await writeFile(policy, `${policyWith('two')}unknownField: 1\n`);
  const invalid = await create('c4');
  t.is(invalid.exitCode, 1);
  t.regex(invalid.stderr, /policy .*policy\.yaml is invalid: unknownField \(line 7\): is not a known field/);
  t.is(await backendArgOf('c4'), undefined);

  const entry = await lstat(policyCachePath);
  t.true(entry.isFile());
  t.is(entry.uid, 0);
  t.is(entry.mode & 0o777, 0o600);
});

import test from 'ava';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeScratch, type Scratch } from '../helpers/recorder.js';
import { launcherPath, runHardrun } from '../helpers/shipped.js';
import { minimalSpec } from '../helpers/specs.js';

/**
 * A Bun executable would load bunfig.toml and .env from its working
 * directory (the bundle, which the image's author shapes) and obey
 * BUN_OPTIONS. Each of these could run code as root: none may.
 */
async function hostileBundle(scratch: Scratch): Promise<{ bundle: string; marker: string; preload: string }> {
  const bundle = join(scratch.dir, 'bundle');
  const marker = join(scratch.dir, 'preload-ran');
  const preload = join(scratch.dir, 'evil.js');
  await mkdir(join(bundle, 'rootfs'), { recursive: true });
  await writeFile(join(bundle, 'config.json'), JSON.stringify(minimalSpec));
  await writeFile(preload, `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\n`);
  await writeFile(join(bundle, 'bunfig.toml'), `preload = [${JSON.stringify(preload)}]\n`);
  await writeFile(join(bundle, '.env'), `BUN_OPTIONS=--preload ${preload}\nHARDRUN_POLICY=/nonexistent/policy.json\n`);
  return { bundle, marker, preload };
}

const createArgv = (scratch: Scratch, bundle: string): string[] => ['--root', join(scratch.dir, 'root'), 'create', '--bundle', bundle, 'steer-1'];

test('bunfig.toml and .env in the bundle, and BUN_OPTIONS from the caller, change nothing', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const { bundle, marker, preload } = await hostileBundle(scratch);
  const env = { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy, BUN_OPTIONS: `--preload ${preload}`, BUN_BE_BUN: '1', NODE_OPTIONS: `--require ${preload}` };
  const result = await runHardrun(createArgv(scratch, bundle), { cwd: bundle, env });
  t.is(result.exitCode, 0, result.stderr);
  t.false(existsSync(marker), 'the preload script ran');
  const calls = await scratch.calls();
  t.is(calls.length, 1);
  t.is(calls[0]![calls[0]!.length - 1], 'steer-1', 'the container was created as usual');
});

test('the engine itself ignores bunfig.toml and .env in its working directory', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const { bundle, marker } = await hostileBundle(scratch);
  const env = { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy };
  const result = await runHardrun(createArgv(scratch, bundle), { via: 'engine', cwd: bundle, env, extendEnv: false });
  t.is(result.exitCode, 0, result.stderr);
  t.false(existsSync(marker));
});

test('control: the engine run directly does obey BUN_OPTIONS, which is why the launcher clears it', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const { bundle, marker, preload } = await hostileBundle(scratch);
  const env = { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy, BUN_OPTIONS: `--preload ${preload}` };
  await runHardrun(createArgv(scratch, bundle), { via: 'engine', cwd: bundle, env });
  t.true(existsSync(marker), 'Bun no longer honours BUN_OPTIONS: revisit the launcher and this test');
});

test('a launcher copied away from its engine runs no hardrun-engine from its working directory or PATH', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const { bundle } = await hostileBundle(scratch);
  const marker = join(scratch.dir, 'planted-engine-ran');
  const planted = join(scratch.dir, 'path');
  const copy = join(scratch.dir, 'copy', 'hardrun');
  await mkdir(planted);
  await mkdir(join(scratch.dir, 'copy'));
  await copyFile(launcherPath, copy);
  // The launcher's fallback, relative: what a lookup by the working directory would find.
  await mkdir(join(bundle, 'usr/libexec/hardrun'), { recursive: true });
  for (const place of [join(bundle, 'hardrun-engine'), join(bundle, 'usr/libexec/hardrun/hardrun-engine'), join(planted, 'hardrun-engine')]) {
    await writeFile(place, `#!/bin/sh\necho "$0" >> ${JSON.stringify(marker)}\n`);
    await chmod(place, 0o755);
  }
  const env = { PATH: `${planted}:/usr/sbin:/usr/bin:/sbin:/bin`, RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy };
  await runHardrun(createArgv(scratch, bundle), { launcher: copy, cwd: bundle, env, extendEnv: false });
  t.false(existsSync(marker), 'a planted engine ran');
});

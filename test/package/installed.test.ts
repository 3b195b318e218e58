import test from 'ava';
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureTools } from '../helpers/package-tools.js';
import { debPath, extractDeb, nativeArch, packageVersion, sourceCommit, type Extracted } from '../helpers/packages.js';
import { runInstalled } from '../helpers/installed.js';
import { makeScratch, type Scratch } from '../helpers/recorder.js';
import { minimalSpec } from '../helpers/specs.js';

/**
 * The guarantees test/launcher/steering.test.ts holds for bin/, held for the
 * package's layout: the launcher in /usr/bin, the engine in
 * /usr/libexec/hardrun, run at those paths (test/helpers/installed.ts).
 */
let installed: Extracted | undefined;
test.before(async () => {
  await ensureTools(['dpkg-deb', 'unshare']);
  installed = await extractDeb(debPath(nativeArch));
});
test.after.always(async () => installed?.remove());

const rootOf = (): string => {
  if (installed === undefined) throw new Error('the package was not unpacked');
  return installed.root;
};

const launchers = ['/usr/bin/hardrun', '/usr/libexec/hardrun/runc-path/runc'];

test('hardrun --version names the package version and the commit, through the launcher and its runc link', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const commit = await sourceCommit();
  for (const launcher of launchers) {
    const result = await runInstalled(rootOf(), [launcher, '--version'], { env: { RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy } });
    t.is(result.exitCode, 0, result.stderr);
    t.true(result.stdout.startsWith(`hardrun version ${packageVersion}\ncommit: ${commit}\n\n`), `${launcher}: ${result.stdout}`);
  }
  t.deepEqual(await scratch.calls(), [['--version'], ['--version']], 'the backend answered after hardrun\'s lines');
});

/** A bundle, a working directory and a PATH that each offer code of their own to run as root. */
async function hostilePlace(scratch: Scratch): Promise<{ bundle: string; marker: string; preload: string; path: string }> {
  const bundle = join(scratch.dir, 'bundle');
  const marker = join(scratch.dir, 'hostile-code-ran');
  const hostile = `#!/bin/sh\necho "$0" >> ${JSON.stringify(marker)}\n`;
  const preload = join(scratch.dir, 'evil.js');
  const pathDir = join(scratch.dir, 'path');
  await mkdir(join(bundle, 'rootfs'), { recursive: true });
  await mkdir(join(bundle, 'usr/libexec/hardrun'), { recursive: true });
  await mkdir(pathDir);
  await writeFile(join(bundle, 'config.json'), JSON.stringify(minimalSpec));
  await writeFile(preload, `require('fs').writeFileSync(${JSON.stringify(marker)}, 'preload');\n`);
  await writeFile(join(bundle, 'bunfig.toml'), `preload = [${JSON.stringify(preload)}]\n`);
  await writeFile(join(bundle, '.env'), `BUN_OPTIONS=--preload ${preload}\nHARDRUN_POLICY=/nonexistent/policy.json\n`);
  for (const place of [join(bundle, 'hardrun-engine'), join(bundle, 'usr/libexec/hardrun/hardrun-engine'), join(pathDir, 'hardrun-engine'), join(pathDir, 'hardrun')]) {
    await writeFile(place, hostile);
    await chmod(place, 0o755);
  }
  return { bundle, marker, preload, path: `${pathDir}:/usr/sbin:/usr/bin:/sbin:/bin` };
}

test('installed, a hostile bundle, working directory, PATH and BUN_ or NODE_ variables run nothing of theirs', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const { bundle, marker, preload, path } = await hostilePlace(scratch);
  const env = { PATH: path, RECORDER_LOG: scratch.log, HARDRUN_POLICY: scratch.policy, BUN_OPTIONS: `--preload ${preload}`, BUN_BE_BUN: '1', NODE_OPTIONS: `--require ${preload}` };
  for (const [index, launcher] of launchers.entries()) {
    const id = `steer-installed-${index}`;
    const result = await runInstalled(rootOf(), [launcher, '--root', scratch.root, 'create', '--bundle', bundle, id], { cwd: bundle, env, extendEnv: false });
    t.is(result.exitCode, 0, `${launcher}: ${result.stderr}`);
    const calls = await scratch.calls();
    t.is(calls.at(-1)?.at(-1), id, `${launcher}: the container was created through the packaged engine`);
  }
  t.false(existsSync(marker), 'code from the bundle, the working directory or PATH ran');
});

test('installed, setup and the shim front name /usr/bin, and doctor finds every installed piece', async t => {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const files = ['--config', join(scratch.dir, 'daemon.json'), '--subuid-file', join(scratch.dir, 'subuid'), '--subgid-file', join(scratch.dir, 'subgid')];
  const docker = await runInstalled(rootOf(), ['/usr/bin/hardrun', 'setup', 'docker', '--dry-run', ...files]);
  t.is(docker.exitCode, 0, docker.stderr);
  t.regex(docker.stdout, /"path": "\/usr\/bin\/hardrun"/);
  const containerd = await runInstalled(rootOf(), ['/usr/bin/hardrun', 'setup', 'containerd', '--shim', '--version', '2']);
  t.is(containerd.exitCode, 0, containerd.stderr);
  t.regex(containerd.stdout, /BinaryName = "\/usr\/bin\/hardrun"/);
  t.regex(containerd.stdout, /\/usr\/bin\/containerd-shim-hardrun-v2/);
  const doctor = await runInstalled(rootOf(), ['/usr/bin/hardrun', 'doctor', '--json'], { env: { HARDRUN_POLICY: scratch.policy } });
  const checks = (JSON.parse(doctor.stdout) as { checks: { name: string; status: string; detail: string }[] }).checks;
  t.like(checks.find(check => check.name === 'installation'), {
    status: 'ok',
    detail: '/usr/bin/hardrun, /usr/libexec/hardrun/hardrun-engine, /usr/bin/containerd-shim-hardrun-v2, /usr/libexec/hardrun/runc-path/runc',
  });
  t.false(existsSync(join(scratch.dir, 'daemon.json')), '--dry-run wrote nothing');
});

import test, { type ExecutionContext } from 'ava';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { makeScratch } from '../helpers/recorder.js';
import { launcherPath, runHardrun } from '../helpers/shipped.js';

/** Every file under a directory with its text: what a refused or repeated command must leave as it was. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name).slice(dir.length)] = await readFile(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

async function node(t: ExecutionContext): Promise<{ dir: string; subid: string[] }> {
  const scratch = await makeScratch();
  t.teardown(() => scratch.remove());
  const dir = join(scratch.dir, 'node');
  await mkdir(join(dir, 'conf.d'), { recursive: true });
  return { dir, subid: ['--subuid-file', join(dir, 'subuid'), '--subgid-file', join(dir, 'subgid')] };
}

type Runtimes = Record<string, Record<string, unknown>>;
function runtimesIn(text: string, plugin: string): Runtimes {
  const config = parse(text) as { plugins?: Record<string, { containerd?: { runtimes?: Runtimes } }> };
  return config.plugins?.[plugin]?.containerd?.runtimes ?? {};
}

for (const version of [2, 3] as const) {
  test(`setup containerd then --remove gives back the version ${version} file byte for byte; a second --remove changes nothing`, async t => {
    const { dir, subid } = await node(t);
    const config = join(dir, 'config.toml');
    const original = `version = ${version}\n# the operator's comment\nroot = "/var/lib/containerd"\n\n[debug]\n  level = "info"\n`;
    await writeFile(config, original);
    const set = await runHardrun(['setup', 'containerd', '--config', config, '--shim', ...subid]);
    t.is(set.exitCode, 0, set.stderr);
    t.not(await readFile(config, 'utf8'), original);
    const withRanges = await readFile(join(dir, 'subuid'), 'utf8');

    const dry = await runHardrun(['setup', 'containerd', '--config', config, '--remove', '--dry-run', ...subid]);
    t.is(dry.exitCode, 0, dry.stderr);
    t.regex(dry.stdout, /^-\[plugins\..*runtimes\.hardrun-shim\]$/m);
    t.notRegex(dry.stdout, /^[-+].*operator's comment/m);

    const removed = await runHardrun(['setup', 'containerd', '--config', config, '--remove', ...subid]);
    t.is(removed.exitCode, 0, removed.stderr);
    t.regex(removed.stdout, /restored from .*byte for byte/);
    t.regex(removed.stdout, /the hardrun range stays in/);
    t.is(await readFile(config, 'utf8'), original);
    t.is(await readFile(join(dir, 'subuid'), 'utf8'), withRanges, 'the id range is kept, as the output says');
    const after = await snapshot(dir);
    const again = await runHardrun(['setup', 'containerd', '--config', config, '--remove', ...subid]);
    t.is(again.exitCode, 0, again.stderr);
    t.regex(again.stdout, /not configured; nothing changed/);
    t.deepEqual(await snapshot(dir), after);
  });
}

test('--remove after the operator edited the file takes out only hardrun\'s tables and keeps their edit and comments', async t => {
  const { dir, subid } = await node(t);
  const config = join(dir, 'config.toml');
  await writeFile(config, 'version = 2\n# keep me\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]\n  runtime_type = "io.containerd.runc.v2"\n');
  t.is((await runHardrun(['setup', 'containerd', '--config', config, ...subid])).exitCode, 0);
  await writeFile(config, `${await readFile(config, 'utf8')}\n# the operator's later handler\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata]\n  runtime_type = "io.containerd.kata.v2"\n`);
  const removed = await runHardrun(['setup', 'containerd', '--config', config, '--remove', ...subid]);
  t.is(removed.exitCode, 0, removed.stderr);
  t.regex(removed.stdout, /only hardrun's handlers were taken out \(every other line is kept as it is\)/);
  const text = await readFile(config, 'utf8');
  t.is(text, 'version = 2\n# keep me\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]\n  runtime_type = "io.containerd.runc.v2"\n\n# the operator\'s later handler\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata]\n  runtime_type = "io.containerd.kata.v2"\n');
});

test('a file setup created is deleted again by --remove', async t => {
  const { dir, subid } = await node(t);
  const config = join(dir, 'config.toml');
  t.is((await runHardrun(['setup', 'containerd', '--config', config, '--version', '3', ...subid])).exitCode, 0);
  const removed = await runHardrun(['setup', 'containerd', '--config', config, '--remove', ...subid]);
  t.is(removed.exitCode, 0, removed.stderr);
  t.false(Object.keys(await snapshot(dir)).includes('/config.toml'));
});

test('version 2: a main config importing a drop-in directory gets hardrun.toml there, valid alone, and stays byte-identical', async t => {
  const { dir, subid } = await node(t);
  const config = join(dir, 'config.toml');
  const original = `version = 2\nimports = [${JSON.stringify(join(dir, 'conf.d', '*.toml'))}]\n# the operator's comment\n`;
  await writeFile(config, original);
  await writeFile(join(dir, 'conf.d', 'registry.toml'), 'version = 2\n[debug]\n  level = "debug"\n');
  const before = await snapshot(dir);
  const dry = await runHardrun(['setup', 'containerd', '--config', config, '--dry-run', ...subid]);
  t.is(dry.exitCode, 0, dry.stderr);
  t.regex(dry.stdout, new RegExp(`^--- /dev/null\\n\\+\\+\\+ ${join(dir, 'conf.d', 'hardrun.toml')}\\n`));
  t.deepEqual(await snapshot(dir), before, '--dry-run writes nothing');

  const set = await runHardrun(['setup', 'containerd', '--config', config, ...subid]);
  t.is(set.exitCode, 0, set.stderr);
  t.regex(set.stdout, /as a drop-in \(config version 2\)/);
  t.is(await readFile(config, 'utf8'), original);
  const dropIn = await readFile(join(dir, 'conf.d', 'hardrun.toml'), 'utf8');
  t.is((parse(dropIn) as { version: number }).version, 2);
  t.deepEqual(runtimesIn(dropIn, 'io.containerd.grpc.v1.cri'), {
    runc: { runtime_type: 'io.containerd.runc.v2' },
    hardrun: { runtime_type: 'io.containerd.runc.v2', options: { BinaryName: launcherPath } },
  }, 'it is the whole CRI section containerd 1.x uses, so it names the default runc handler');
  const installed = await snapshot(dir);
  t.regex((await runHardrun(['setup', 'containerd', '--config', config, ...subid])).stdout, /already configured; nothing changed/);
  t.deepEqual(await snapshot(dir), installed);

  const removed = await runHardrun(['setup', 'containerd', '--config', config, '--remove', ...subid]);
  t.is(removed.exitCode, 0, removed.stderr);
  t.regex(removed.stdout, /removed hardrun's drop-in/);
  const { ['/subuid']: _uid, ['/subgid']: _gid, ...rest } = await snapshot(dir);
  t.deepEqual(rest, before, 'everything as before setup, but the id range');
});

test('version 2: when the main config has the CRI section, a drop-in would wipe it, so the main file is merged and the output says why', async t => {
  const { dir, subid } = await node(t);
  const config = join(dir, 'config.toml');
  await writeFile(config, `version = 2\nimports = [${JSON.stringify(join(dir, 'conf.d', '*.toml'))}]\n[plugins."io.containerd.grpc.v1.cri"]\n  sandbox_image = "pause:3.9"\n`);
  const set = await runHardrun(['setup', 'containerd', '--config', config, ...subid]);
  t.is(set.exitCode, 0, set.stderr);
  t.regex(set.stdout, /not writing a drop-in in .*conf\.d: containerd 1\.x takes \[plugins\."io\.containerd\.grpc\.v1\.cri"\] whole/);
  t.deepEqual(await readdir(join(dir, 'conf.d')), []);
  t.truthy(runtimesIn(await readFile(config, 'utf8'), 'io.containerd.grpc.v1.cri')['hardrun']);
});

test('version 3: the drop-in shares the runc handler\'s cgroup driver from the main file and leaves its runc handler alone', async t => {
  const { dir, subid } = await node(t);
  const config = join(dir, 'config.toml');
  await writeFile(config, 'version = 3\nimports = ["conf.d/*.toml"]\n[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc]\n  runtime_type = "io.containerd.runc.v2"\n  [plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc.options]\n    SystemdCgroup = true\n');
  const set = await runHardrun(['setup', 'containerd', '--config', config, ...subid]);
  t.is(set.exitCode, 0, set.stderr);
  const dropIn = await readFile(join(dir, 'conf.d', 'hardrun.toml'), 'utf8');
  t.is((parse(dropIn) as { version: number }).version, 3);
  t.deepEqual(runtimesIn(dropIn, 'io.containerd.cri.v1.runtime'), { hardrun: { runtime_type: 'io.containerd.runc.v2', options: { BinaryName: launcherPath, SystemdCgroup: true } } });
});

for (const [version, found] of [['1', 'config version 1'], ['4', 'config version 4'], ['"2"', 'config version "2" \\(a string, not a number\\)'], [undefined, 'no "version" key']] as const) {
  test(`a config with ${version === undefined ? 'no version' : `version = ${version}`} is refused in one sentence and nothing is written`, async t => {
    const { dir, subid } = await node(t);
    const config = join(dir, 'config.toml');
    await writeFile(config, `${version === undefined ? '' : `version = ${version}\n`}root = "/var/lib/containerd"\n`);
    const before = await snapshot(dir);
    for (const extra of [[], ['--remove'], ['--dry-run']]) {
      const refused = await runHardrun(['setup', 'containerd', '--config', config, ...extra, ...subid]);
      t.is(refused.exitCode, 1, refused.stdout);
      t.regex(refused.stderr, new RegExp(`${config} has ${found}.*hardrun supports config versions 2 \\(containerd 1\\.x\\) and 3 \\(containerd 2\\.x\\).*nothing was written`));
      t.is(refused.stderr.trim().split('\n').length, 1);
    }
    t.deepEqual(await snapshot(dir), before);
  });
}

test('setup docker on a host without daemon.json, then --remove, leaves no daemon.json; a second --remove changes nothing', async t => {
  const { dir, subid } = await node(t);
  const daemonJson = join(dir, 'daemon.json');
  t.is((await runHardrun(['setup', 'docker', '--config', daemonJson, '--default', '--no-reload', ...subid])).exitCode, 0);
  const dry = await runHardrun(['setup', 'docker', '--config', daemonJson, '--remove', '--dry-run', '--no-reload', ...subid]);
  t.regex(dry.stdout, new RegExp(`^--- ${daemonJson}\\n\\+\\+\\+ /dev/null\\n`));
  const removed = await runHardrun(['setup', 'docker', '--config', daemonJson, '--remove', '--no-reload', ...subid]);
  t.is(removed.exitCode, 0, removed.stderr);
  t.regex(removed.stdout, /removed the file: setup created it/);
  t.regex(removed.stdout, /the hardrun range stays in/);
  const after = await snapshot(dir);
  t.false(Object.keys(after).includes('/daemon.json'));
  const again = await runHardrun(['setup', 'docker', '--config', daemonJson, '--remove', '--no-reload', ...subid]);
  t.regex(again.stdout, /not registered; nothing changed/);
  t.deepEqual(await snapshot(dir), after);
});

test('setup docker then --remove gives back daemon.json byte for byte, odd spacing and all', async t => {
  const { dir, subid } = await node(t);
  const daemonJson = join(dir, 'daemon.json');
  const original = '{ "debug":true,\n\t"log-level" : "warn" }';
  await writeFile(daemonJson, original);
  t.is((await runHardrun(['setup', 'docker', '--config', daemonJson, '--no-reload', ...subid])).exitCode, 0);
  t.is((await runHardrun(['setup', 'docker', '--config', daemonJson, '--remove', '--no-reload', ...subid])).exitCode, 0);
  t.is(await readFile(daemonJson, 'utf8'), original);
});

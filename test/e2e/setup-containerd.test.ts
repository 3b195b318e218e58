import test from 'ava';
import { execa } from 'execa';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { launcherPath, runHardrun } from '../helpers/shipped.js';

/**
 * What the installed containerd itself makes of the files `setup containerd`
 * writes: `containerd --config F config dump` loads F and its imports as the
 * daemon does at start, and prints the merged result.
 */
type Runtimes = Record<string, { runtime_type?: string; options?: Record<string, unknown> }>;
async function dump(config: string): Promise<{ imports: string[]; cri: Record<string, unknown>; runtimes: Runtimes }> {
  const result = await execa('containerd', ['--config', config, 'config', 'dump'], { reject: false, stdin: 'ignore' });
  if (result.exitCode !== 0) throw new Error(`containerd config dump failed: ${result.stderr}`);
  const merged = parse(result.stdout) as { imports: string[]; plugins: Record<string, Record<string, unknown> & { containerd: { runtimes: Runtimes } }> };
  const cri = merged.plugins['io.containerd.grpc.v1.cri']!;
  return { imports: merged.imports, cri, runtimes: cri.containerd.runtimes };
}

async function node(): Promise<{ dir: string; subid: string[]; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-setup-containerd-'));
  await mkdir(join(dir, 'conf.d'));
  return { dir, subid: ['--subuid-file', join(dir, 'subuid'), '--subgid-file', join(dir, 'subgid')], remove: () => rm(dir, { recursive: true, force: true }) };
}

const installedMajor = async (): Promise<number> => Number(/\s v?(\d+)\./.exec((await execa('containerd', ['--version'])).stdout)?.[1] ?? 0);

test('containerd loads the drop-in setup writes into an imported directory, and no longer has hardrun after --remove', async t => {
  if (await installedMajor() !== 1) return t.pass('this check is written for containerd 1.x (config version 2)');
  const { dir, subid, remove } = await node();
  t.teardown(remove);
  const config = join(dir, 'config.toml');
  await writeFile(config, `version = 2\nimports = [${JSON.stringify(join(dir, 'conf.d', '*.toml'))}]\n`);
  const set = await runHardrun(['setup', 'containerd', '--config', config, ...subid]);
  t.is(set.exitCode, 0, set.stderr);
  t.deepEqual(await readdir(join(dir, 'conf.d')), ['hardrun.toml']);
  const seen = await dump(config);
  t.true(seen.imports.includes(join(dir, 'conf.d', 'hardrun.toml')));
  t.is(seen.runtimes['hardrun']?.options?.['BinaryName'], launcherPath);
  t.is(seen.runtimes['runc']?.runtime_type, 'io.containerd.runc.v2', 'containerd\'s default handler is still there');

  t.is((await runHardrun(['setup', 'containerd', '--config', config, '--remove', ...subid])).exitCode, 0);
  const after = await dump(config);
  t.is(after.runtimes['hardrun'], undefined);
  t.deepEqual(await readdir(join(dir, 'conf.d')), []);
});

test('with the CRI section in the main file, containerd 1.x keeps its settings and gains hardrun\'s handler', async t => {
  if (await installedMajor() !== 1) return t.pass('this check is written for containerd 1.x (config version 2)');
  const { dir, subid, remove } = await node();
  t.teardown(remove);
  const config = join(dir, 'config.toml');
  await writeFile(config, `version = 2\nimports = [${JSON.stringify(join(dir, 'conf.d', '*.toml'))}]\n[plugins."io.containerd.grpc.v1.cri"]\n  sandbox_image = "registry.example/pause:9"\n`);
  const set = await runHardrun(['setup', 'containerd', '--config', config, ...subid]);
  t.is(set.exitCode, 0, set.stderr);
  const seen = await dump(config);
  t.is(seen.cri['sandbox_image'], 'registry.example/pause:9', 'a drop-in would have replaced this whole section');
  t.is(seen.runtimes['hardrun']?.options?.['BinaryName'], launcherPath);
});

import test from 'ava';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { chooseTarget } from '../../src/human/setup/containerd-target.js';
import type { TomlTable } from '../../src/human/setup/containerd-config.js';
import { makeScratch } from '../helpers/recorder.js';

// Debian's shipped main file (version 2, CRI settings of its own), importing a drop-in directory.
async function shippedMain(): Promise<{ path: string; text: string; config: TomlTable; dir: string; remove: () => Promise<void> }> {
  const scratch = await makeScratch();
  const dir = join(scratch.dir, 'conf.d');
  await mkdir(dir);
  const path = join(scratch.dir, 'config.toml');
  const text = `imports = [${JSON.stringify(join(dir, '*.toml'))}]\nversion = 2\n[plugins."io.containerd.grpc.v1.cri".cni]\n  bin_dir = "/usr/lib/cni"\n`;
  return { path, text, config: parse(text), dir, remove: () => scratch.remove() };
}
const parseFile = (text: string): TomlTable => parse(text);

test('a version 2 main file with CRI settings, on containerd 1.x: the handlers go into the main file, and the note says why', async t => {
  const main = await shippedMain();
  t.teardown(main.remove);
  const target = chooseTarget(main, 2, parseFile, false);
  t.is(target.kind, 'file');
  t.regex(target.kind === 'file' ? target.note ?? '' : '', /containerd 1\.x takes \[plugins\."io\.containerd\.grpc\.v1\.cri"\] whole/);
});

test('the same file on containerd 2.x, which merges key by key whatever the version: a drop-in, the main file left alone', async t => {
  const main = await shippedMain();
  t.teardown(main.remove);
  const target = chooseTarget(main, 2, parseFile, true);
  t.is(target.kind, 'drop-in');
  t.is(target.kind === 'drop-in' ? target.path : '', join(main.dir, 'hardrun.toml'));
});

test('a version 3 file merges key by key by default', async t => {
  const main = await shippedMain();
  t.teardown(main.remove);
  t.is(chooseTarget(main, 3, parseFile).kind, 'drop-in');
});

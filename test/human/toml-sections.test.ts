import test from 'ava';
import { parse } from 'smol-toml';
import { handlerTables, mergeHandlers, mergeLoaded, removeHandlers, type TomlTable } from '../../src/human/setup/containerd-config.js';
import { headerPath, removeTables } from '../../src/human/setup/toml-sections.js';

test('table headers name their key path, quoted keys whole', t => {
  t.deepEqual(headerPath('[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.hardrun]'), ['plugins', 'io.containerd.grpc.v1.cri', 'containerd', 'runtimes', 'hardrun']);
  t.deepEqual(headerPath("  [ a . 'b.c' . d ]  # note"), ['a', 'b.c', 'd']);
  t.deepEqual(headerPath('[[array.of]]'), ['array', 'of']);
  t.is(headerPath('key = "[not a header]"'), undefined);
  t.is(headerPath('# [commented]'), undefined);
});

test('removeTables cuts the picked tables and their own comments, and keeps every other line', t => {
  const text = 'a = 1\n# mine\n[keep]\n  x = 1\n\n# own\n[drop]\n  y = 2\n  [drop.sub]\n  z = 3\n[keep2]\n  w = 4\n';
  const cut = removeTables(text, path => path[0] === 'drop', line => line === '# own');
  t.is(cut, 'a = 1\n# mine\n[keep]\n  x = 1\n[keep2]\n  w = 4\n');
  t.is(removeTables(text, () => false, () => true), text, 'nothing picked, nothing changed');
});

const options = { launcher: '/opt/hardrun/bin/hardrun', front: '/opt/hardrun/bin/containerd-shim-hardrun-v2', shim: true };

test('removeHandlers undoes mergeHandlers, keeping the operator\'s runc handler and every other key', t => {
  const own: TomlTable = { version: 2, root: '/var/lib/containerd', plugins: { 'io.containerd.grpc.v1.cri': { sandbox_image: 'pause', containerd: { runtimes: { runc: { runtime_type: 'io.containerd.runc.v2', options: { SystemdCgroup: true } } } } } } };
  t.deepEqual(removeHandlers(mergeHandlers(own, 2, handlerTables(options)), 2, false), own);
  // The runc handler setup added goes with it, unless another handler still needs it.
  t.deepEqual(removeHandlers(mergeHandlers({ version: 3 }, 3, handlerTables(options)), 3, true), { version: 3 });
  const withKata = mergeHandlers({ version: 2 }, 2, { ...handlerTables(options), kata: { runtime_type: 'io.containerd.kata.v2' } });
  t.deepEqual(Object.keys((removeHandlers(withKata, 2, true)['plugins'] as Record<string, { containerd: { runtimes: TomlTable } }>)['io.containerd.grpc.v1.cri']!.containerd.runtimes), ['runc', 'kata']);
});

test('containerd 1.x takes a plugin section whole from the last file; 2.x merges it key by key', t => {
  const main = parse('version = 2\n[plugins.cri]\n  sandbox_image = "pause"\n[debug]\n  level = "info"\n') as TomlTable;
  const dropIn = parse('[plugins.cri.containerd.runtimes.hardrun]\n  runtime_type = "io.containerd.runc.v2"\n[debug]\n  format = "json"\n') as TomlTable;
  t.deepEqual(mergeLoaded([main, dropIn], 2)['plugins'], { cri: { containerd: { runtimes: { hardrun: { runtime_type: 'io.containerd.runc.v2' } } } } });
  t.deepEqual(mergeLoaded([main, dropIn], 3)['plugins'], { cri: { sandbox_image: 'pause', containerd: { runtimes: { hardrun: { runtime_type: 'io.containerd.runc.v2' } } } } });
  t.deepEqual(mergeLoaded([main, dropIn], 2)['debug'], { level: 'info', format: 'json' });
});

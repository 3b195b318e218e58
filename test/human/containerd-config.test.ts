import test from 'ava';
import { parse } from 'smol-toml';
import { handlerTables, lacksDefaultHandler, mergeHandlers, renderSnippet, runcSystemdCgroup, versionForContainerd, type TomlTable } from '../../src/human/setup/containerd-config.js';

const options = { launcher: '/opt/hardrun/bin/hardrun', front: '/opt/hardrun/bin/containerd-shim-hardrun-v2', shim: true };

for (const [version, plugin] of [[2, 'io.containerd.grpc.v1.cri'], [3, 'io.containerd.cri.v1.runtime']] as const) {
  test(`version ${version}: the printed snippet is valid TOML holding exactly the handlers a merge adds`, t => {
    const printed = parse(renderSnippet(version, { ...options, defaultHandler: true })) as TomlTable;
    t.deepEqual(printed, mergeHandlers({}, version, handlerTables(options)));
    const runtimes = (printed['plugins'] as Record<string, { containerd: { runtimes: TomlTable } }>)[plugin]!.containerd.runtimes;
    t.deepEqual(runtimes['hardrun'], { runtime_type: 'io.containerd.runc.v2', options: { BinaryName: options.launcher } });
    t.deepEqual(runtimes['hardrun-shim'], { runtime_type: 'io.containerd.hardrun.v2', runtime_path: options.front });
  });
}

test('without --shim only the runc-shim handler is configured', t => {
  t.deepEqual(Object.keys(handlerTables({ ...options, shim: false })), ['hardrun']);
});

test('a merge keeps every other setting and the runc handler the file has', t => {
  const config = { version: 2, root: '/var/lib/containerd', plugins: { 'io.containerd.grpc.v1.cri': { sandbox_image: 'pause', containerd: { runtimes: { runc: { runtime_type: 'io.containerd.runc.v2', options: { SystemdCgroup: true } } } } } } };
  t.false(lacksDefaultHandler(config, 2));
  t.true(runcSystemdCgroup(config, 2));
  const merged = mergeHandlers(config, 2, handlerTables({ ...options, systemdCgroup: true }));
  const cri = (merged['plugins'] as Record<string, { sandbox_image: string; containerd: { runtimes: Record<string, TomlTable> } }>)['io.containerd.grpc.v1.cri']!;
  t.is(merged['root'], '/var/lib/containerd');
  t.is(cri.sandbox_image, 'pause');
  t.deepEqual(cri.containerd.runtimes['runc'], config.plugins['io.containerd.grpc.v1.cri'].containerd.runtimes.runc);
  t.deepEqual(cri.containerd.runtimes['hardrun']!['options'], { BinaryName: options.launcher, SystemdCgroup: true });
});

test('a file without the default runc handler gets one: CRI refuses to load otherwise', t => {
  t.true(lacksDefaultHandler({ version: 2 }, 2));
  const merged = mergeHandlers({ version: 2 }, 2, handlerTables(options));
  t.deepEqual((merged['plugins'] as Record<string, { containerd: { runtimes: TomlTable } }>)['io.containerd.grpc.v1.cri']!.containerd.runtimes['runc'], { runtime_type: 'io.containerd.runc.v2' });
});

test('containerd 2.x reads config version 3, 1.x version 2', t => {
  t.is(versionForContainerd('containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+deb12u3'), 2);
  t.is(versionForContainerd('containerd containerd.io v2.1.4 75cb2b7'), 3);
  t.is(versionForContainerd('nonsense'), undefined);
});

import test from 'ava';
import { readFileSync } from 'node:fs';
import { applyKernelFilesystems } from '../../src/harden/kernel-filesystems.js';
import { defaultHardening } from '../../src/harden/units.js';
import type { Spec } from '../../src/spec/types.js';

const fixture = (name: string): Spec => JSON.parse(readFileSync(new URL(`../../../test/fixtures/specs/${name}.json`, import.meta.url), 'utf8')) as Spec;
const settings = defaultHardening.kernelFilesystems;
const context = { backend: 'runc' } as const;

test('--privileged mounts sysfs and cgroup read-write: both become read-only', t => {
  const input = fixture('docker-privileged');
  const before = structuredClone(input);
  const { spec, findings } = applyKernelFilesystems(input, settings, context);
  t.deepEqual(spec.mounts![3], { ...input.mounts![3], options: ['nosuid', 'noexec', 'nodev', 'ro'] });
  t.deepEqual(spec.mounts![4], { ...input.mounts![4], options: ['nosuid', 'noexec', 'nodev', 'ro'] });
  t.deepEqual(spec.mounts!.filter((_, i) => i !== 3 && i !== 4), input.mounts!.filter((_, i) => i !== 3 && i !== 4));
  t.deepEqual(findings.map(f => [f.path, f.message]), [
    ['mounts[3].options', 'made the sysfs mount at /sys read-only (hardening.kernelFilesystems.readonlyTypes)'],
    ['mounts[4].options', 'made the cgroup mount at /sys/fs/cgroup read-only (hardening.kernelFilesystems.readonlyTypes)'],
  ]);
  t.deepEqual(input, before);
  t.deepEqual(applyKernelFilesystems(spec, settings, context), { spec, findings: [] });
});

test('Docker\'s default config is left as it is', t => {
  const input = fixture('docker-default');
  t.deepEqual(applyKernelFilesystems(input, settings, context), { spec: input, findings: [] });
});

test('"rw" is replaced, cgroup2 counts, unknown fields stay', t => {
  const input: Spec = { mounts: [{ destination: '/sys/fs/cgroup', type: 'cgroup2', source: 'cgroup', options: ['rw', 'nosuid'], extra: 1 }] };
  t.deepEqual(applyKernelFilesystems(input, settings, context).spec.mounts, [
    { destination: '/sys/fs/cgroup', type: 'cgroup2', source: 'cgroup', options: ['nosuid', 'ro'], extra: 1 },
  ]);
});

test('a spec without mounts is returned as it is', t => {
  const input: Spec = { root: { path: 'rootfs' } };
  t.is(applyKernelFilesystems(input, settings, context).spec, input);
});

import type { Mount, Spec } from '../spec/types.js';
import { isReadOnly, withReadOnly } from '../spec/mount-options.js';
import type { KernelFilesystemSettings } from './settings.js';
import type { Finding, HardenContext, TransformResult } from './types.js';
import { specTransform } from './unit.js';

/**
 * Mounts sysfs and cgroup filesystems read-only, as Docker does for every
 * container but a `--privileged` one. Read-write, sysfs reaches host-wide
 * knobs such as /sys/kernel/uevent_helper, and a cgroup v1 hierarchy
 * reaches release_agent: both run a program of the container's choosing as
 * host root.
 */
export function applyKernelFilesystems(spec: Spec, settings: KernelFilesystemSettings, _context: HardenContext): TransformResult<Spec> {
  const mounts = spec.mounts;
  if (mounts === undefined) return { spec, findings: [] };
  const types = new Set(settings.readonlyTypes);
  const findings: Finding[] = [];
  let next: Mount[] = mounts;
  mounts.forEach((mount, index) => {
    if (mount.type === undefined || !types.has(mount.type) || isReadOnly(mount)) return;
    if (next === mounts) next = [...mounts];
    next[index] = { ...mount, options: withReadOnly(mount.options) };
    findings.push({
      rule: 'kernel-filesystems',
      action: 'changed',
      path: `mounts[${index}].options`,
      message: `made the ${mount.type} mount at ${mount.destination} read-only (hardening.kernelFilesystems.readonlyTypes)`,
    });
  });
  return next === mounts ? { spec, findings } : { spec: { ...spec, mounts: next }, findings };
}

export const kernelFilesystemsTransform = specTransform({
  name: 'kernelFilesystems',
  // A writable sysfs reaches uevent_helper and other host-wide knobs, and a
  // writable cgroup v1 hierarchy reaches release_agent: both classic escapes
  // from `--privileged`.
  defaults: { mode: 'harden', readonlyTypes: ['sysfs', 'cgroup', 'cgroup2'] },
  apply: applyKernelFilesystems,
});

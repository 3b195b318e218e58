import type { Check, Violation } from './types.js';
import { defineCheck } from './unit.js';

const shared = new Set(['shared', 'rshared']);

/**
 * Shared propagation makes mounts made inside the container appear on the
 * host (and the reverse), so a container could mount over host paths.
 */
export const checkMountPropagation: Check<Record<string, never>> = spec => {
  const violations: Violation[] = [];
  const rootfs = spec.linux?.rootfsPropagation;
  if (rootfs !== undefined && shared.has(rootfs)) {
    violations.push({
      check: 'mountPropagation',
      path: 'linux.rootfsPropagation',
      message: `rootfs propagation "${rootfs}" would share the container's mounts with the host`,
      fix: current => ({ ...current, linux: { ...current.linux, rootfsPropagation: 'rslave' } }),
    });
  }
  (spec.mounts ?? []).forEach((mount, index) => {
    const option = (mount.options ?? []).find(item => shared.has(item));
    if (option === undefined) return;
    violations.push({
      check: 'mountPropagation',
      path: `mounts[${index}].options`,
      message: `the mount on ${mount.destination} has "${option}" propagation, which shares mounts with the host`,
      fix: current => ({
        ...current,
        mounts: (current.mounts ?? []).map(other => other === mount ? { ...other, options: (other.options ?? []).map(item => shared.has(item) ? item.replace('shared', 'slave') : item) } : other),
      }),
    });
  });
  return violations;
};

export const mountPropagationCheck = defineCheck({ name: 'mountPropagation', defaults: { mode: 'enforce' }, check: (spec, _settings, context) => checkMountPropagation(spec, {}, context) });

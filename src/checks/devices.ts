import type { DeviceRule } from '../harden/settings.js';
import type { DeviceNode, Spec } from '../spec/types.js';
import type { Check, Violation } from './types.js';
import { defineCheck } from './unit.js';

/**
 * Device nodes asked for beyond the default ones, as `--device /dev/vda`
 * does. `--privileged` hands over every host device with one blanket cgroup
 * rule: that is not a request for a device but a wish for "everything",
 * which the devices hardening transform answers by keeping only the default
 * nodes; so nodes under a blanket rule are left to it.
 */
export const checkDevices: Check<{ readonly allow: readonly DeviceRule[] }> = (spec, settings) => {
  if (grantsEveryDevice(spec)) return [];
  const violations: Violation[] = [];
  (spec.linux?.devices ?? []).forEach((device, index) => {
    const allowed = settings.allow.some(rule => rule.type === device.type && rule.major === device.major && rule.minor === device.minor);
    if (allowed) return;
    violations.push({
      check: 'devices',
      path: `linux.devices[${index}]`,
      message: `the host device ${device.path ?? '(unnamed)'} (${device.type ?? '?'} ${device.major ?? '?'}:${device.minor ?? '?'}) is beyond the default devices`,
      fix: current => withoutDevice(current, device),
    });
  });
  return violations;
};

/**
 * A device cgroup rule allows every device: an allow rule of type `a` (or of
 * no type), `--privileged`'s. cgroup v1 reads it so whatever its numbers and
 * access letters (the kernel's devices.allow and runc's emulator alike); the
 * devices transform takes every such rule away.
 */
export function grantsEveryDevice(spec: Spec): boolean {
  const rules = spec.linux?.resources?.devices ?? [];
  return rules.some(rule => rule.allow === true && (rule.type === undefined || rule.type === 'a'));
}

function withoutDevice(spec: Spec, device: DeviceNode): Spec {
  const linux = spec.linux ?? {};
  const rules = linux.resources?.devices ?? [];
  const remaining = rules.filter(rule => !(rule.allow === true && rule.type === device.type && rule.major === device.major && rule.minor === device.minor));
  return {
    ...spec,
    linux: {
      ...linux,
      devices: (linux.devices ?? []).filter(other => other !== device),
      ...(linux.resources === undefined ? {} : { resources: { ...linux.resources, devices: remaining } }),
    },
  };
}

export const devicesCheck = defineCheck({
  name: 'devices',
  defaults: { mode: 'enforce' },
  // The deciding rule's allowlist: a rule may allow /dev/fuse to the containers it matches.
  check: (spec, _settings, context) => checkDevices(spec, { allow: context.hardening.devices.allow }, context),
});

import { matchName } from './paths.js';
import type { Check, Violation } from './types.js';
import { defineCheck } from './unit.js';

/**
 * Sysctls outside the allowlist: the namespaced ones a container may set
 * for itself (IPC, message queues, its own network stack). Anything else
 * (`kernel.core_pattern`, `vm.*`, `kernel.modprobe`) acts on the whole host.
 */
export const checkSysctls: Check<{ readonly allow: readonly string[] }> = (spec, settings) => {
  const violations: Violation[] = [];
  for (const name of Object.keys(spec.linux?.sysctl ?? {})) {
    if (settings.allow.some(pattern => matchName(pattern, name))) continue;
    violations.push({
      check: 'sysctls',
      path: `linux.sysctl.${name}`,
      message: `the sysctl ${name} is not one a container may set for itself`,
      fix: current => {
        const { [name]: _dropped, ...rest } = current.linux?.sysctl ?? {};
        return { ...current, linux: { ...current.linux, sysctl: rest } };
      },
    });
  }
  return violations;
};

export const sysctlsCheck = defineCheck({
  name: 'sysctls',
  defaults: {
    mode: 'enforce',
    // The namespaced sysctls Docker and Kubernetes let a container set.
    allow: [
      'kernel.shm_rmid_forced', 'kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.sem',
      'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'fs.mqueue.*', 'net.*',
    ],
  },
  check: checkSysctls,
});

import { devicesCheck } from './devices.js';
import { extraCapabilitiesCheck } from './extra-capabilities.js';
import { hostNamespacesCheck } from './host-namespaces.js';
import { mountPropagationCheck } from './mount-propagation.js';
import { procCwdCheck } from './proc-cwd.js';
import { sensitiveMountsCheck } from './sensitive-mounts.js';
import { sysctlsCheck } from './sysctls.js';
import type { CheckSettings } from './types.js';
import type { CheckUnit } from './unit.js';
import { defaultsOf } from '../unit-defaults.js';

/**
 * Every check, in the order admission runs them (and reports what they
 * found). Each reads the spec as the caller wrote it; a fix in `harden`
 * mode applies to the spec the next fix sees. A new check is a file
 * exporting its unit, a line here, and its settings in
 * schemas/policy.schema.json (which types them).
 */
export const checkUnits = [
  hostNamespacesCheck,
  sensitiveMountsCheck,
  devicesCheck,
  extraCapabilitiesCheck,
  procCwdCheck,
  sysctlsCheck,
  mountPropagationCheck,
] as const satisfies readonly CheckUnit[];

/** What the built-in policy checks: each unit's defaults (a unit missing from the list fails to compile here). */
export const defaultChecks: CheckSettings = defaultsOf(checkUnits);

import { annotationsTransform } from './annotations.js';
import { capabilitiesTransform } from './capabilities.js';
import { devicesTransform } from './devices.js';
import { kernelFilesystemsTransform } from './kernel-filesystems.js';
import { noNewPrivilegesTransform } from './no-new-privileges.js';
import { rootfsTransform } from './readonly-rootfs.js';
import { seccompTransform } from './seccomp.js';
import type { HardeningSettings } from './settings.js';
import { systemPathsTransform } from './system-paths.js';
import type { TransformUnit } from './unit.js';
import { defaultsOf } from '../unit-defaults.js';
import { userNamespaceTransform } from './user-namespace.js';

/**
 * Every hardening, in the order the pipeline applies them, and why:
 * - annotations first: they are metadata some backends act on, and nothing
 *   later reads them;
 * - the process (capabilities, noNewPrivileges) before seccomp: which
 *   syscalls a profile must deny depends on the capabilities left; Docker
 *   built its profile for the capabilities it granted, and seccomp.ts
 *   tightens it for the ones kept;
 * - system paths, kernel filesystems and devices touch separate fields and
 *   depend on nothing before them;
 * - the read-only rootfs next, because it adds the tmpfs mounts;
 * - the user namespace last: it must see the final mount list (a joined
 *   network namespace's sysfs becomes a bind), and staging works from its
 *   result.
 * A new hardening is a file exporting its unit, a line here, and its
 * settings in schemas/policy.schema.json (which types them).
 */
export const transformUnits = [
  annotationsTransform,
  capabilitiesTransform,
  noNewPrivilegesTransform,
  seccompTransform,
  systemPathsTransform,
  kernelFilesystemsTransform,
  devicesTransform,
  rootfsTransform,
  userNamespaceTransform,
] as const satisfies readonly TransformUnit[];

/** What the built-in policy applies: each unit's defaults (a unit missing from the list fails to compile here). */
export const defaultHardening: HardeningSettings = defaultsOf(transformUnits);

import type { HardeningDocument, TransformMode } from '../policy/generated/policy-document.js';
import type { Normalized } from '../policy/normalized.js';

export type { TransformMode };

/**
 * The hardening settings a transform reads: a policy's `hardening`, typed
 * by the schema (schemas/policy.schema.json) and completed from the
 * built-in defaults each transform's unit carries (units.ts). `harden`
 * rewrites the spec; `audit` leaves it alone and records what `harden`
 * would have done; `off` does neither.
 */
export type HardeningSettings = {
  readonly [K in keyof HardeningDocument]-?: Normalized<NonNullable<HardeningDocument[K]>, K extends 'userNamespace' ? 'uids' | 'gids' : never>;
};

export type AnnotationSettings = HardeningSettings['annotations'];
export type CapabilitySettings = HardeningSettings['capabilities'];
export type NoNewPrivilegesSettings = HardeningSettings['noNewPrivileges'];
export type SeccompSettings = HardeningSettings['seccomp'];
export type SystemPathSettings = HardeningSettings['systemPaths'];
export type KernelFilesystemSettings = HardeningSettings['kernelFilesystems'];
export type DeviceSettings = HardeningSettings['devices'];
export type RootfsSettings = HardeningSettings['rootfs'];
/** The pool of host ids containers get slots of 65536 from; unset `uids`, `gids`: the hardrun lines of /etc/subuid and /etc/subgid. */
export type UserNamespaceSettings = HardeningSettings['userNamespace'];

/** A device node a container may have, by type, major and minor (the path is only a name). */
export type DeviceRule = DeviceSettings['allow'][number];
/** Which bind mounts are idmapped, so that container root acts there as the owner of the files on the host. */
export type IdmapMounts = UserNamespaceSettings['idmapMounts'];

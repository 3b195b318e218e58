/**
 * The types of an OCI runtime spec (config.json) under the names the code
 * uses. They are generated from the runtime-spec's schema
 * (schemas/runtime-spec/, by schemas/generate.mjs) and loosened there to what
 * `asSpec` checks: a field is required only where schemas/spec.schema.json
 * requires it too, and a value outside the spec's enums passes on. Every
 * object keeps an index signature: fields hardrun does not know must survive
 * a round trip untouched. Only the fields spec.schema.json names have their
 * types checked at run time; code that reads another field adds it there.
 *
 * Go decodes null into a pointer or a map as absent, so a bundle may hold
 * null for the process capabilities, the seccomp profile and the annotations;
 * the transforms check for it and the types below say so.
 */
import type * as Generated from './generated/runtime-spec.js';

/** T with the fields of O in place of its own, keeping its index signature and optional marks. */
type With<T, O> = { [P in keyof T]: P extends keyof O ? O[P] : T[P] };

export type Capabilities = NonNullable<NonNullable<Generated.Spec['process']>['capabilities']>;
export type Process = With<NonNullable<Generated.Spec['process']>, { capabilities?: Capabilities | null }>;
export type Mount = Generated.Mount;
export type IdMapping = Generated.IDMapping;
export type DeviceNode = Generated.Device;
export type CgroupDeviceRule = Generated.DeviceCgroup;
export type Namespace = Generated.NamespaceReference;
export type SeccompRule = Generated.Syscall;
export type Seccomp = NonNullable<Generated.Linux['seccomp']>;
export type Linux = With<Generated.Linux, { seccomp?: Seccomp | null }>;
export type Spec = With<Generated.Spec, {
  process?: Process;
  linux?: Linux;
  annotations?: Generated.MapStringString | null;
}>;

import type { BackendKind } from '../backend/backend.js';
import type { Process, Spec } from '../spec/types.js';
import type { Slot } from '../state/id-slots.js';

/** One thing a transform did or saw, for the audit log and `hardrun explain`. */
export interface Finding {
  /** The transform or check that produced it, e.g. "capabilities". */
  readonly rule: string;
  /** What happened to the spec. */
  readonly action: 'changed' | 'refused' | 'audited';
  /** JSON path of the setting, e.g. "process.capabilities.bounding". */
  readonly path: string;
  /** One sentence a person can act on. */
  readonly message: string;
}

export interface TransformResult<T> {
  readonly spec: T;
  readonly findings: readonly Finding[];
}

/** What every transform is told besides the spec. */
export interface HardenContext {
  /** The backend that will run the container: some transforms mean nothing under gVisor. */
  readonly backend: BackendKind;
  /**
   * The host's CPU architecture as Node names it (`process.arch`: "x64",
   * "arm64", ...), which picks the seccomp architectures. Passed in so that
   * transforms stay pure; absent means "x64".
   */
  readonly arch?: string;
  /**
   * The host ids this container's user namespace maps to: the slot create
   * claimed for it, or the one `explain` previews. Absent: the pool's first.
   */
  readonly ids?: Slot;
  /**
   * The user namespace of the pod sandbox this container belongs to
   * (src/state/pod.ts), which it joins instead of getting one of its own;
   * `ids` is then the sandbox's range.
   */
  readonly podUserNamespace?: string;
  /**
   * Where a container path really is inside the rootfs, symlinks followed
   * as the container will see them ("/var/run/x" is "/run/x" when the
   * image links /var/run to /run). Passed in so that transforms stay pure;
   * absent means paths are taken as written.
   */
  readonly resolveDestination?: (path: string) => string;
  /**
   * Whether the host has a path: masked and read-only paths are added only
   * where the kernel has them, since programs that check the spec's paths
   * from inside fail on one that does not exist. Absent means yes.
   */
  readonly hasPath?: (path: string) => boolean;
}

/**
 * A hardening transform: pure (no I/O, input untouched), idempotent (twice
 * equals once), and keeping every field it does not mean to change.
 */
export type SpecTransform<S> = (spec: Spec, settings: S, context: HardenContext) => TransformResult<Spec>;
export type ProcessTransform<S> = (process: Process, settings: S, context: HardenContext) => TransformResult<Process>;

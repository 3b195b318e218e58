import type { ChecksDocument, CheckMode } from '../policy/generated/policy-document.js';
import type { MountTable } from '../host/mountinfo.js';
import type { DockerImageRecord } from '../policy/image.js';
import type { Normalized } from '../policy/normalized.js';
import type { Spec } from '../spec/types.js';

export type { CheckMode };

/** The checks' settings: a policy's `checks`, typed by the schema and completed from each check's unit (units.ts). */
export type CheckSettings = { readonly [K in keyof ChecksDocument]-?: Normalized<NonNullable<ChecksDocument[K]>> };

/** What a check found wrong, and how to make it safe. */
export interface Violation<T = Spec> {
  /** The check's name in the policy, e.g. "sensitiveMounts". */
  readonly check: string;
  /** JSON path of the setting in config.json, e.g. "mounts[3].source". */
  readonly path: string;
  /** One sentence naming the setting and the danger. */
  readonly message: string;
  /** The document made safe (used in `harden` mode). */
  readonly fix: (document: T) => T;
}

/**
 * What checks need to know about the host, behind an interface so that the
 * checks themselves stay pure and testable without a host.
 */
export interface HostFacts {
  /** The host path a mount source really names, symlinks resolved (as far as it exists). */
  realpath(path: string): string;
  /** Whether a namespace file (/proc/PID/ns/TYPE) is the host's own. */
  isHostNamespace(type: string, path: string): boolean;
  /** Whether the path, symlinks followed, is a Unix socket. */
  isSocket(path: string): boolean;
  /**
   * Docker's own record of the container whose rootfs Docker passed as
   * `rootPath`: undefined when that is no Docker rootfs. Absent: no lookup.
   */
  readDockerRecord?(rootPath: string, id: string): DockerImageRecord | undefined;
  /** A container path as it resolves inside the rootfs directory `rootfs` (a container path again). Absent: as written. */
  resolveInRootfs?: (rootfs: string, path: string) => string;
  /** Whether the host has this path (a kernel may lack /proc/sysrq-trigger); absent means yes. */
  hasPath?(path: string): boolean;
  /** The host's mount table, where a source is judged by what it shows; absent: by its path alone. */
  mounts?(): MountTable;
  /** The `major:minor` of a block device node at `path` (symlinks followed); undefined when it is none. */
  blockDevice?(path: string): string | undefined;
}

/** Where the call came from: what the backend resolves relative paths against, and where the engine keeps its state. */
export interface Origin {
  /** The bundle directory as the caller named it (absolute). */
  readonly bundle: string;
  /** The runtime's --root, when the call has one (the shim front's does not). */
  readonly root: string | undefined;
}

export interface CheckContext {
  readonly id: string;
  readonly host: HostFacts;
  readonly origin: Origin;
}

/** A check: pure, given the spec, its settings, the container id, where the call came from and the host facts. */
export type Check<S> = (spec: Spec, settings: S, context: CheckContext) => Violation[];

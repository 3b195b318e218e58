import type { Spec } from '../spec/types.js';

export type CheckMode = 'enforce' | 'sandbox' | 'harden' | 'audit' | 'off';

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
  /** Whether the host has this path (a kernel may lack /proc/sysrq-trigger); absent means yes. */
  hasPath?(path: string): boolean;
}

/** A check: pure, given the spec, its settings, the container id and the host facts. */
export type Check<S> = (spec: Spec, settings: S, context: { readonly id: string; readonly host: HostFacts }) => Violation[];

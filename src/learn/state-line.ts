import type { ImageIdentity } from '../policy/image.js';

/**
 * What a create keeps of a container it learns from, in the container's
 * record (one JSON line), for the record its delete appends to the audit
 * log: everything that cannot be read back once the container is gone (its
 * bundle may be, its rootfs unmounted), and nothing that grows while it
 * runs. Its writes stay in its own layer, its refused capabilities in its
 * tracefs instance, until that delete reads them.
 */
export interface LearnState {
  /** The policy's audit log; none: the delete records nothing, and only removes. */
  readonly audit?: string;
  readonly image?: ImageIdentity;
  /** The layer its writes land in, and the image's layers below it. */
  readonly upper?: string;
  readonly lowers?: readonly string[];
  /** Where its mounts are: what it writes there lands in the mount, not in its root. */
  readonly mounted: readonly string[];
  /** The policy it ran under, which its findings are judged against. */
  readonly writablePaths: readonly string[];
  readonly allow: readonly string[];
  /** Capabilities it holds beyond the allowlist (a policy that only watches them): their granted checks count too. */
  readonly held?: readonly number[];
}

/** The state as the record keeps it: one line. */
export function formatLearnState(state: LearnState): string {
  return JSON.stringify(state);
}

/** The state a record line holds; undefined for one that is not (a damaged record learns nothing, but is still removed). */
export function parseLearnState(text: string): LearnState | undefined {
  try {
    const value = JSON.parse(text) as Partial<LearnState> | null;
    if (value === null || typeof value !== 'object' || !Array.isArray(value.mounted) || !Array.isArray(value.writablePaths) || !Array.isArray(value.allow)) return undefined;
    return value as LearnState;
  } catch {
    return undefined;
  }
}
